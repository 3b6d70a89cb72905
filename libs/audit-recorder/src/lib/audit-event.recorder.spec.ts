import { AUDIT_TEXT_LIMITS, auditRecordOf, type AuditEventInput } from './audit-event.recorder';
import { REDACTED } from './redaction';

const ORG = '5f1c2a9e-0000-4000-8000-000000000001';

const event = (input: Partial<AuditEventInput> = {}): AuditEventInput & { organizationId: string } => ({
  organizationId: ORG,
  actor: 'mcp:server-1',
  action: 'tools/call',
  outcome: 'ok',
  ...input,
});

describe('auditRecordOf', () => {
  it('fills the row from the event, with nulls for what the event does not say', () => {
    const at = new Date('2026-11-21T10:00:00.000Z');
    const row = auditRecordOf(
      event({ tool: 'task_get', arguments: { task_id: 't1' }, durationMs: 12.6 }),
      at,
    );
    expect(row).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: '2026-11-21T10:00:00.000Z',
      organization_id: ORG,
      server_id: null,
      team_id: null,
      actor: 'mcp:server-1',
      client_name: null,
      client_version: null,
      session_id: null,
      ip: null,
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { task_id: 't1' },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: null,
      duration_ms: 13,
      job_id: null,
      request_id: null,
      trace_id: null,
      actor_user_id: null,
      actor_email: null,
      oauth_client_id: null,
      clickup_user_id: null,
    });
    expect(auditRecordOf(event()).arguments).toBeNull();
    expect(auditRecordOf(event()).id).not.toBe(auditRecordOf(event()).id);
  });

  it('clips every text a caller controls to its column limit', () => {
    const long = (prefix: string) => `${prefix}${'x'.repeat(5000)}`;
    const row = auditRecordOf(
      event({
        actor: long('a'),
        action: long('b'),
        tool: long('c'),
        clientName: long('d'),
        clientVersion: long('e'),
        sessionId: long('f'),
        ip: long('g'),
        userAgent: long('h'),
        jobId: long('i'),
        requestId: long('j'),
        traceId: long('k'),
        actorEmail: long('l'),
        oauthClientId: long('m'),
        clickupUserId: long('n'),
      }),
    );
    for (const [column, max] of Object.entries(AUDIT_TEXT_LIMITS)) {
      expect([column, (row[column as keyof typeof AUDIT_TEXT_LIMITS] as string).length]).toEqual([
        column,
        max,
      ]);
    }
    expect(auditRecordOf(event({ clientName: 'claude-ai' })).client_name).toBe('claude-ai');
  });

  it('stores caller text as it will be hashed: NUL and a surrogate cut in half become U+FFFD', () => {
    const emoji = '😀';
    const row = auditRecordOf(
      event({
        clientName: `${'n'.repeat(AUDIT_TEXT_LIMITS.client_name - 1)}${emoji}`,
        userAgent: 'a\u0000b',
      }),
    );
    expect(row.client_name?.endsWith('n\uFFFD')).toBe(true);
    expect(row.user_agent).toBe('a\uFFFDb');
  });

  it('redacts secrets in the arguments, by key and by look', () => {
    const row = auditRecordOf(
      event({
        arguments: {
          name: 'Deploy',
          api_token: 'pk_12345678_ABCDEFGH',
          note: 'Bearer abcdefghijklmnopqrstu',
        },
      }),
    );
    expect(row.arguments).toEqual({ name: 'Deploy', api_token: REDACTED, note: REDACTED });
    expect(JSON.stringify(row)).not.toContain('pk_12345678');
  });

  it('keeps the outcome, issue codes, upstream status and job as given', () => {
    expect(
      auditRecordOf(
        event({
          outcome: 'queued',
          issueCodes: ['RATE_LIMIT'],
          upstreamStatus: 429,
          jobId: 'j1',
          durationMs: null,
        }),
      ),
    ).toMatchObject({
      outcome: 'queued',
      issue_codes: ['RATE_LIMIT'],
      upstream_status: 429,
      job_id: 'j1',
      duration_ms: null,
    });
  });
});
