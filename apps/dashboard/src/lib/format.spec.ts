import { formatBytes, formatPercent, formatRelative, humanize } from './format';

describe('format', () => {
  it('says how long ago or ahead something is', () => {
    const now = Date.parse('2025-06-10T12:00:00Z');
    expect(formatRelative('2025-06-10T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2025-06-12T12:00:00Z', now)).toBe('in 2 days');
    expect(formatRelative('2025-06-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative(null, now)).toBe('—');
  });

  it('keeps small rates readable', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.004)).toBe('0.40%');
    expect(formatPercent(0.05)).toBe('5.0%');
    expect(formatPercent(0.5)).toBe('50%');
  });

  it('sizes bytes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(12_800)).toBe('12.5 KB');
  });

  it('turns keys into labels', () => {
    expect(humanize('time_tracking')).toBe('Time tracking');
  });
});
