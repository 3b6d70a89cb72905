import { parseWebhookUrl } from './approval-webhook.schema';

describe('the approval webhook URL field', () => {
  it('takes Slack and private receivers, trimmed', () => {
    expect(parseWebhookUrl(' https://hooks.slack.com/services/T0/B0/x ')).toEqual({
      ok: true,
      url: 'https://hooks.slack.com/services/T0/B0/x',
    });
    expect(parseWebhookUrl('http://10.0.0.5:8080/hook')).toMatchObject({ ok: true });
  });

  it('explains what to fix', () => {
    const message = (v: string) => (parseWebhookUrl(v) as { message: string }).message;
    expect(message('')).toMatch(/Enter the URL/);
    expect(message('hooks.slack.com/x')).toMatch(/full URL/);
    expect(message('ftp://example.com/x')).toMatch(/https:\/\/ or http:\/\//);
    expect(message('https://me:pw@example.com/x')).toMatch(/user name and password/);
    expect(message('https://example.com/x#y')).toMatch(/fragment/);
    expect(message('https://example.com/a b')).toMatch(/spaces/);
    expect(message(`https://example.com/${'a'.repeat(2000)}`)).toMatch(/2000/);
  });
});
