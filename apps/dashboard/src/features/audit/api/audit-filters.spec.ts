import { apiQuery, filtersFrom, isApprovalRow, isInterrupted, isPartiallyApplied } from './audit-filters';

describe('audit filters', () => {
  it('reads the known filters from the URL and ignores the rest', () => {
    const params = new URLSearchParams('tool=task_get&outcome=denied&event=abc&q=%20&cursor=10&job_id=j1');
    expect(filtersFrom(params)).toEqual({ tool: 'task_get', outcome: 'denied', job_id: 'j1' });
  });

  it('sends local times as instants, other values as they are', () => {
    const from = '2025-06-01T09:30';
    const query = apiQuery({ from, tool: 'task_get' }, { limit: '50' });
    expect(query.get('from')).toBe(new Date(from).toISOString());
    expect(query.get('tool')).toBe('task_get');
    expect(query.get('limit')).toBe('50');
  });
});

describe('isApprovalRow', () => {
  const row = (action: string, issue_codes: string[] = [], job_id: string | null = 'a1') => ({
    action,
    issue_codes,
    job_id,
  });

  it('recognises the rows of an approval: request, decisions, expiry', () => {
    expect(isApprovalRow(row('tools/call', ['APPROVAL_REQUIRED']))).toBe(true);
    expect(isApprovalRow(row('approval.requested'))).toBe(true);
    expect(isApprovalRow(row('approvals.approve'))).toBe(true);
    expect(isApprovalRow(row('approval.expired'))).toBe(true);
  });

  it('leaves plain queued calls and rows without a job alone', () => {
    expect(isApprovalRow(row('tools/call', ['RATE_LIMITED']))).toBe(false);
    expect(isApprovalRow(row('retry_job.dead_lettered'))).toBe(false);
    expect(isApprovalRow(row('approval.requested', [], null))).toBe(false);
  });
});

describe('isPartiallyApplied', () => {
  it('marks an ok call whose issues say ClickUp kept less than asked, and nothing else', () => {
    expect(isPartiallyApplied({ outcome: 'ok', issue_codes: ['NOT_APPLIED'] })).toBe(true);
    expect(isPartiallyApplied({ outcome: 'ok', issue_codes: [] })).toBe(false);
    expect(isPartiallyApplied({ outcome: 'error', issue_codes: ['NOT_APPLIED'] })).toBe(false);
  });
});

describe('isInterrupted', () => {
  it('marks an error row the sweeper wrote for a call cut mid-flight, and nothing else', () => {
    expect(isInterrupted({ outcome: 'error', issue_codes: ['INTERRUPTED'] })).toBe(true);
    expect(isInterrupted({ outcome: 'error', issue_codes: ['UPSTREAM_ERROR'] })).toBe(false);
    expect(isInterrupted({ outcome: 'ok', issue_codes: ['INTERRUPTED'] })).toBe(false);
  });
});
