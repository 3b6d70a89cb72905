import { apiQuery, filtersFrom, parseSecurityEventPage, reasonLabel } from './security-events';

describe('security events api', () => {
  it('reads the filters from the URL and sends times as instants', () => {
    const filters = filtersFrom(new URLSearchParams('reason=login_failed&ip=+203.0.113.7+&other=x&from='));
    expect(filters).toEqual({ reason: 'login_failed', ip: '203.0.113.7' });
    const query = apiQuery({ ...filters, from: '2026-12-04T10:00' }, 'abc');
    expect(query.get('from')).toBe(new Date('2026-12-04T10:00').toISOString());
    expect(query.get('cursor')).toBe('abc');
    expect(query.get('ip')).toBe('203.0.113.7');
  });

  it('keeps only well-formed rows of a page', () => {
    const page = parseSecurityEventPage({
      items: [
        { minute: '2026-12-04T10:00:00.000Z', ip: '203.0.113.7', reason: 'rate_limited', count: 12 },
        { minute: 5, ip: null },
      ],
      next_cursor: 'next',
    });
    expect(page).toEqual({
      items: [{ minute: '2026-12-04T10:00:00.000Z', ip: '203.0.113.7', reason: 'rate_limited', count: 12 }],
      nextCursor: 'next',
    });
    expect(reasonLabel('login_locked')).toBe('Sign-in locked');
    expect(reasonLabel('something_new')).toBe('something_new');
  });
});
