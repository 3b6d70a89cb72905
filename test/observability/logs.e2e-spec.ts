import { Stack } from '../support/stack';

/**
 * The api's log as a person running it reads it: `LOG_FORMAT=pretty` writes short lines (no raw JSON), an ordinary
 * request gets its access line, and health probes and metrics scrapes get none.
 */
describe('the api log with LOG_FORMAT=pretty (postgres)', () => {
  const stack = new Stack('postgres', { worker: false, env: { LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' } });

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('writes readable access lines, and none for probes and scrapes', async () => {
    const marker = `/api/v1/no-such-route-${Date.now()}`;
    for (let i = 0; i < 3; i++) {
      await fetch(`${stack.baseUrl}/healthz`);
      await fetch(`${stack.baseUrl}/readyz`);
      await fetch(`${stack.baseUrl}/metrics`);
    }
    await fetch(`${stack.baseUrl}${marker}`);
    const line = await stack.api.waitForLine(new RegExp(marker.replace(/\//g, '\\/')));
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN +.*request completed GET \/api\/v1\/no-such-route-\d+ 404 \d+ms/,
    );
    expect(stack.api.output.filter((l) => l.trimStart().startsWith('{"level"'))).toEqual([]);
    // Nest's line per route and module is left to the JSON log.
    expect(stack.api.output.filter((l) => l.includes('[RouterExplorer]'))).toEqual([]);
    const accessLines = stack.api.output.filter((l) => l.includes('request completed'));
    expect(accessLines.filter((l) => /\/(healthz|readyz|metrics)\b/.test(l))).toEqual([]);
  });
});
