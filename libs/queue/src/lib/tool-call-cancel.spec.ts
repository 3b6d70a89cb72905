import { cancellable, cancelLine, cancelOf } from './tool-call-cancel';
import type { CallJournal, JournaledWrite } from './tool-call-job';

const write = (state: JournaledWrite['state']): JournaledWrite => ({
  request: { operation: 'createTask', method: 'POST', version: 'v2', path: '/list/1/task', query: {} },
  first_sent_at: state === 'not_applied' ? null : 1,
  state,
});
const journal = (...states: JournaledWrite['state'][]): CallJournal => ({
  reads: [],
  writes: states.map(write),
});

describe('the cancel of a queued tool call, as its job log records it', () => {
  it('finds nothing in a log without cancel lines', () => {
    expect(cancelOf([])).toBeNull();
    expect(cancelOf(['attempt 1 failed', '{"other":true}', '{"cancel":'])).toBeNull();
  });

  it('reads a request, and a confirmation that makes it binding', () => {
    const requested = cancelLine('requested', 'mcp:s1', 1000);
    expect(cancelOf([requested])).toEqual({ requestedAt: 1000, by: 'mcp:s1', confirmed: false });
    expect(cancelOf([requested, cancelLine('confirmed', 'mcp:s1', 1005)])).toEqual({
      requestedAt: 1000,
      by: 'mcp:s1',
      confirmed: true,
    });
  });

  it('allows a cancel only while no write of the call is done or may have been applied', () => {
    expect(cancellable(journal())).toBe(true);
    // A 429 or a 4xx refused the write: nothing changed.
    expect(cancellable(journal('not_applied'))).toBe(true);
    expect(cancellable(journal('done'))).toBe(false);
    // Sent, then a 5xx or no answer: it may have been applied.
    expect(cancellable(journal('not_applied', 'unknown'))).toBe(false);
  });
});
