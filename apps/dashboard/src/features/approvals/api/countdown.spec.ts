import { timeLeft } from './countdown';

describe('timeLeft', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it('counts down in the two largest units', () => {
    expect(timeLeft('2026-01-01T10:59:12Z', now)).toBe('59 min 12 s');
    expect(timeLeft('2026-01-01T12:05:30Z', now)).toBe('2 h 5 min');
    expect(timeLeft('2026-01-03T13:00:00Z', now)).toBe('2 d 3 h');
    expect(timeLeft('2026-01-01T10:00:09Z', now)).toBe('9 s');
  });

  it('has nothing left once the time has passed', () => {
    expect(timeLeft('2026-01-01T10:00:00Z', now)).toBeNull();
    expect(timeLeft('2025-12-31T10:00:00Z', now)).toBeNull();
    expect(timeLeft('not a date', now)).toBeNull();
  });
});
