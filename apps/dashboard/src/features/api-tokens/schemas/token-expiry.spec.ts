import { tokenExpiresAt, tokenExpiryOptions } from './token-expiry';

describe('token expiry choices', () => {
  it('offer "never" to owners only', () => {
    expect(tokenExpiryOptions('owner').map((o) => o.value)).toEqual(['30', '90', '365', 'never']);
    expect(tokenExpiryOptions('admin').map((o) => o.value)).toEqual(['30', '90', '365']);
  });

  it('send a date that many days ahead, or null for never', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(tokenExpiresAt('30', now)).toBe('2026-01-31T00:00:00.000Z');
    expect(tokenExpiresAt('never', now)).toBeNull();
  });
});
