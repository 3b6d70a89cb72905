import { ApiError } from '@/lib/api-error';
import { parseReadiness } from './readiness';

describe('parseReadiness', () => {
  it('lists every component of a healthy report, database and queue first', () => {
    const readiness = parseReadiness(200, {
      status: 'ok',
      info: { database: { status: 'up' }, queue: { status: 'up' } },
      error: {},
      details: { queue: { status: 'up' }, disk_space: { status: 'up' }, database: { status: 'up' } },
    });
    expect(readiness.ok).toBe(true);
    expect(readiness.components.map((c) => [c.label, c.up])).toEqual([
      ['Database', true],
      ['Job queue', true],
      ['Disk space', true],
    ]);
  });

  it('shows which component is down and why, from a 503 answer', () => {
    const readiness = parseReadiness(503, {
      status: 'error',
      info: { database: { status: 'up' } },
      error: { queue: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' } },
      details: {
        database: { status: 'up' },
        queue: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' },
      },
    });
    expect(readiness.ok).toBe(false);
    expect(readiness.components[1]).toEqual({
      key: 'queue',
      label: 'Job queue',
      up: false,
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
    });
  });

  it('falls back to info and error when details are missing', () => {
    const readiness = parseReadiness(503, {
      status: 'error',
      info: { database: { status: 'up' } },
      error: { queue: { status: 'down' } },
    });
    expect(readiness.components.map((c) => [c.key, c.up])).toEqual([
      ['database', true],
      ['queue', false],
    ]);
  });

  it('treats an answer that is not a health report as the api being unreachable', () => {
    expect(() => parseReadiness(500, undefined)).toThrow(ApiError);
    expect(() => parseReadiness(200, '<html>')).toThrow('did not answer its readiness check');
  });
});
