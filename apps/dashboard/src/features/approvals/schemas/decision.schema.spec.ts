import { MAX_COMMENT, parseDecision } from './decision.schema';

describe('parseDecision', () => {
  it('approves with or without a comment, trimmed', () => {
    expect(parseDecision({ decision: 'approve', comment: '  ' })).toEqual({
      ok: true,
      decision: 'approve',
      body: {},
    });
    expect(parseDecision({ decision: 'approve', comment: ' Checked with Dana ' })).toEqual({
      ok: true,
      decision: 'approve',
      body: { comment: 'Checked with Dana' },
    });
  });

  it('refuses a rejection without a reason', () => {
    const parsed = parseDecision({ decision: 'reject', comment: '   ' });
    expect(parsed).toEqual({ ok: false, message: expect.stringMatching(/Say why you reject it/) });
    expect(parseDecision({ decision: 'reject', comment: 'Wrong task' })).toEqual({
      ok: true,
      decision: 'reject',
      body: { comment: 'Wrong task' },
    });
  });

  it('refuses a comment longer than the api keeps', () => {
    expect(parseDecision({ decision: 'approve', comment: 'x'.repeat(MAX_COMMENT + 1) }).ok).toBe(false);
  });
});
