import { normalizedWebhookUrl, webhookUrlOrigin, webhookUrlProblem } from './webhook-url.policy';

describe('team webhook URLs', () => {
  it('accepts http and https URLs, private and loopback hosts included', () => {
    for (const url of [
      'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX',
      'http://127.0.0.1:8080/approvals',
      'http://10.0.4.2/hook?token=abc',
      'https://[::1]:9443/h',
      'http://relay.internal/approvals',
    ]) {
      expect([url, webhookUrlProblem(url)]).toEqual([url, null]);
    }
  });

  it('refuses other schemes, credentials, fragments, hidden characters and long URLs, without repeating them', () => {
    const refused: [unknown, RegExp][] = [
      ['ftp://example.com/hook', /use http or https/],
      ['javascript:alert(1)', /use http or https/],
      ['file:///etc/passwd', /use http or https/],
      ['hooks.slack.com/services/x', /absolute http or https URL/],
      ['/relative/path', /absolute/],
      ['https://admin:hunter2@example.com/hook', /user name or password/],
      ['https://token@example.com/hook', /user name or password/],
      ['https://example.com/hook#frag', /fragment/],
      ['https://example.com/hook#', /fragment/],
      [' https://example.com/hook', /spaces or control characters/],
      ['https://exa\tmple.com/hook', /spaces or control characters/],
      ['https://example.com/a\nb', /spaces or control characters/],
      [`https://example.com/${'a'.repeat(2000)}`, /at most 2000 characters/],
      ['', /http or https URL/],
      [42, /http or https URL/],
      [null, /http or https URL/],
    ];
    for (const [url, message] of refused) {
      const problem = webhookUrlProblem(url);
      expect([url, problem]).toEqual([url, expect.stringMatching(message)]);
      if (typeof url === 'string' && url.length > 8) expect(problem).not.toContain(url.trim());
    }
    expect(webhookUrlProblem('https://admin:hunter2@example.com/hook')).not.toContain('hunter2');
  });

  it('stores the URL normalised and shows where it points without its path', () => {
    expect(normalizedWebhookUrl('HTTPS://Example.COM:443/a/../hook?x=1')).toBe(
      'https://example.com/hook?x=1',
    );
    expect(webhookUrlOrigin('https://hooks.slack.com/services/T0/B0/secret')).toBe('https://hooks.slack.com');
    expect(webhookUrlOrigin('not a url')).toBe('');
  });
});
