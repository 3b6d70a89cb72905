import { expiresAt } from './expiry';

describe('expiresAt', () => {
  const now = new Date(2025, 5, 10, 12, 0, 0);

  it('sends null for a server that never expires', () => {
    expect(expiresAt('never', '', now)).toBeNull();
  });

  it('counts days from now', () => {
    expect(new Date(expiresAt('7', '', now) as string).getTime() - now.getTime()).toBe(7 * 86_400_000);
  });

  it('ends a chosen date at the end of that local day', () => {
    const iso = expiresAt('custom', '2025-06-30', now) as string;
    expect(new Date(iso)).toEqual(new Date(2025, 5, 30, 23, 59, 59));
  });

  it('refuses a missing or past date', () => {
    expect(() => expiresAt('custom', '', now)).toThrow('Pick the day');
    expect(() => expiresAt('custom', '2025-06-01', now)).toThrow('in the future');
  });
});
