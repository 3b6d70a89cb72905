import { AppProcess } from '@gw/testing';

describe('invalid configuration', () => {
  it('stops the api at boot with one clear line per bad variable and exit code 1', async () => {
    const api = AppProcess.start('api', {
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://user:hunter2@db/app',
      ENCRYPTION_KEY: 'too-short',
    });
    expect(await api.exited()).toBe(1);
    const lines = api.output.filter((l) => l.startsWith('config error:'));
    expect(lines).toEqual(
      expect.arrayContaining([
        'config error: PORT: must be an integer from 1 to 65535 (got "eighty")',
        expect.stringMatching(/^config error: LOG_LEVEL: must be one of fatal, error, warn, info/),
        'config error: DATABASE_URL: must be a postgres:// or postgresql:// URL (got a value that is not shown)',
        expect.stringMatching(/^config error: ENCRYPTION_KEY: must be 32 bytes encoded as base64/),
      ]),
    );
    expect(lines).toHaveLength(4);
    expect(api.text()).not.toContain('hunter2');
  });

  it('refuses to run against PostgreSQL without ENCRYPTION_KEY', async () => {
    const api = AppProcess.start('api', {
      PORT: '1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(await api.exited()).toBe(1);
    expect(api.text()).toMatch(/ENCRYPTION_KEY: required when DATABASE_URL is set/);
  });

  it('stops the worker the same way', async () => {
    const worker = AppProcess.start('worker', { REDIS_URL: 'http://redis' });
    expect(await worker.exited()).toBe(1);
    expect(worker.output).toContain(
      'config error: REDIS_URL: must be a redis:// or rediss:// URL (got a value that is not shown)',
    );
  });
});
