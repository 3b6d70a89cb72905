import { outcomeOf, type AuditedEnvelope } from './outcome';

/** Issues as tools write them, with fields the audit row does not keep. */
type Issue = AuditedEnvelope['issues'][number] & { message: string; retry_after_ms?: number; path?: string };
const envelope = (ok: boolean, issues: Issue[] = []): AuditedEnvelope => ({ ok, issues });

describe('outcomeOf', () => {
  it('reads a success as ok', () => {
    expect(outcomeOf(envelope(true))).toEqual({
      outcome: 'ok',
      issueCodes: [],
      upstreamStatus: null,
      jobId: null,
    });
  });

  it('keeps NOT_APPLIED of a call that succeeded in part: ok, with the code that marks it partially applied', () => {
    const partial = envelope(true, [
      { code: 'NOT_APPLIED', message: 'assignees: asked [1, 9], ClickUp kept [1].' },
    ]);
    expect(outcomeOf(partial)).toEqual({
      outcome: 'ok',
      issueCodes: ['NOT_APPLIED'],
      upstreamStatus: null,
      jobId: null,
    });
  });

  it('reads a write left on the retry queue as queued, with its job', () => {
    const queued = envelope(false, [
      {
        code: 'RATE_LIMIT',
        message: 'later',
        queued: true,
        job_id: 'j1',
        retry_after_ms: 900,
        upstream_status: 429,
      },
    ]);
    expect(outcomeOf(queued)).toEqual({
      outcome: 'queued',
      issueCodes: ['RATE_LIMIT'],
      upstreamStatus: 429,
      jobId: 'j1',
    });
  });

  it('reads scope and credential refusals as denied, everything else as error', () => {
    expect(outcomeOf(envelope(false, [{ code: 'FORBIDDEN', message: 'no' }])).outcome).toBe('denied');
    expect(
      outcomeOf(envelope(false, [{ code: 'AUTH_ERROR', message: 'no', upstream_status: 401 }])),
    ).toMatchObject({
      outcome: 'denied',
      upstreamStatus: 401,
    });
    expect(
      outcomeOf(envelope(false, [{ code: 'CLICKUP_ACCOUNT_NOT_LINKED', message: 'link it first' }])),
    ).toMatchObject({ outcome: 'denied', issueCodes: ['CLICKUP_ACCOUNT_NOT_LINKED'] });
    expect(
      outcomeOf(envelope(false, [{ code: 'UPSTREAM_ERROR', message: 'x', upstream_status: 502 }])),
    ).toMatchObject({ outcome: 'error', issueCodes: ['UPSTREAM_ERROR'], upstreamStatus: 502 });
    expect(
      outcomeOf(envelope(false, [{ code: 'VALIDATION_ERROR', message: 'x', path: 'task_id' }])).outcome,
    ).toBe('error');
  });
});
