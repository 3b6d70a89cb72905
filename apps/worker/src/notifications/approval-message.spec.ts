import type { ApprovalNotificationJobPayload } from '@gw/queue';
import { approvalMessage, mrkdwn, type SlackBlock } from './approval-message';

const APPROVAL_URL = 'https://console.example/approvals/5b0c1f0e-8d0e-4f39-9c55-2f0f4f3f7d10';

function payload(overrides: Partial<NonNullable<ApprovalNotificationJobPayload['approval']>> = {}) {
  return {
    organization_id: 'org-1',
    team: { id: 'team-1', name: 'Support' },
    event: 'approval.requested',
    approval: {
      id: '5b0c1f0e-8d0e-4f39-9c55-2f0f4f3f7d10',
      server: { id: 'srv-1', name: 'Support agent' },
      tool: 'task_delete',
      summary: 'Delete task “Quarterly report” with 3 subtasks and 12 comments',
      requested_by: 'ada@acme.test',
      approval_url: APPROVAL_URL,
      expires_at: '2026-12-05T14:30:00.000Z',
      ...overrides,
    },
    inbox_url: 'https://console.example/approvals',
    queued_at: 0,
  } satisfies ApprovalNotificationJobPayload;
}

/** Every text of the blocks that Slack reads as mrkdwn. */
function mrkdwnTexts(blocks: SlackBlock[]): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (node['type'] === 'mrkdwn' && typeof node['text'] === 'string') out.push(node['text']);
    Object.values(node).forEach(visit);
  };
  visit(blocks);
  return out;
}

describe('the approval notification message', () => {
  it('renders in Slack: a fallback text, a header, the summary, the facts and a button to the approval page', () => {
    const message = approvalMessage(payload());
    expect(message.text).toContain('Approval needed: task_delete on Support agent');
    expect(message.text).toContain(`<${APPROVAL_URL}|Review the request>`);
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Approval needed: task_delete' },
    });
    expect(message.blocks[3]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Review the request' },
          url: APPROVAL_URL,
          style: 'primary',
        },
      ],
    });
    const fields = (message.blocks[2] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields).toEqual([
      '*Server*\nSupport agent',
      '*Team*\nSupport',
      '*Requested by*\nada@acme.test',
      '*Expires*\n2026-12-05 14:30 UTC',
    ]);
  });

  it('carries the same facts for programs', () => {
    const message = approvalMessage(payload());
    expect(message).toMatchObject({
      event: 'approval.requested',
      team: { id: 'team-1', name: 'Support' },
      approval: {
        id: '5b0c1f0e-8d0e-4f39-9c55-2f0f4f3f7d10',
        tool: 'task_delete',
        approval_url: APPROVAL_URL,
      },
    });
  });

  it('keeps what an agent wrote from becoming a mention, a link or a button', () => {
    const summary = 'Delete <!channel> <https://evil.example|Approve here> & <@U123>';
    const message = approvalMessage(payload({ summary, server: { id: 's', name: '<!here>' } }));
    // Slack parses the top-level text and mrkdwn objects: there, every < > & an agent wrote is escaped.
    const parsed = [message.text, ...mrkdwnTexts(message.blocks)].join('\n');
    expect(parsed).not.toMatch(/<!channel>|<!here>|<https:\/\/evil|<@U123>/);
    expect(message.text).toContain(
      'Delete &lt;!channel&gt; &lt;https://evil.example|Approve here&gt; &amp; &lt;@U123&gt;',
    );
    expect(parsed).toContain('*Server*\n&lt;!here&gt;');
    // The summary block is plain text, which Slack shows as it is and never parses.
    expect(message.blocks[1]).toEqual({ type: 'section', text: { type: 'plain_text', text: summary } });
    // The only link Slack makes is the gateway's own.
    expect([...parsed.matchAll(/<(https?:[^|>]+)\|/g)].map((m) => m[1])).toEqual([APPROVAL_URL]);
  });

  it("stays within Slack's limits for long texts", () => {
    const message = approvalMessage(payload({ tool: 't'.repeat(400), summary: 's'.repeat(10_000) }));
    const header = message.blocks[0] as { text: { text: string } };
    expect([...header.text.text].length).toBeLessThanOrEqual(150);
    const summary = message.blocks[1] as { text: { text: string } };
    expect([...summary.text.text].length).toBeLessThanOrEqual(1000);
    expect(summary.text.text.endsWith('…')).toBe(true);
  });

  it('says what a test is, and links the approvals inbox', () => {
    const message = approvalMessage({ ...payload(), event: 'webhook.test', approval: null });
    expect(message.text).toMatch(/^Test notification: approval requests of team Support will be posted here/);
    expect(message.text).toContain('<https://console.example/approvals|Open the approvals inbox>');
    expect(message.approval).toBeNull();
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
  });

  it('escapes the three characters Slack asks for', () => {
    expect(mrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
  });
});
