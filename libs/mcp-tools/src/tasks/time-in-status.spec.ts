import { readableMinutes, toTaskTimes } from './time-in-status';

describe('time in status', () => {
  it.each([
    [0, '0m'],
    [45, '45m'],
    [60, '1h'],
    [185, '3h 5m'],
    [3 * 1440 + 180 + 7, '3d 3h'],
    [1440 + 7, '1d 7m'],
  ])('writes %i minutes as %s', (minutes, text) => {
    expect(readableMinutes(minutes)).toBe(text);
  });

  it('gives the current status with since and every status with ms and a readable time', () => {
    const since = 1_700_000_000_000;
    expect(
      toTaskTimes('9hz', {
        current_status: { status: 'review', color: '#a875ff', total_time: { by_minute: 61, since } },
        status_history: [
          {
            status: 'to do',
            color: null,
            type: 'open',
            total_time: { by_minute: 3000, since },
            orderindex: 0,
          },
        ],
      }),
    ).toEqual({
      task_id: '9hz',
      current: {
        status: 'review',
        time_ms: 61 * 60_000,
        time: '1h 1m',
        since_ms: since,
        since_iso: new Date(since).toISOString(),
      },
      history: [{ status: 'to do', time_ms: 3000 * 60_000, time: '2d 2h' }],
    });
  });
});
