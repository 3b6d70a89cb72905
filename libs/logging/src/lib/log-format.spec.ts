import pino from 'pino';
import { logDestination, prettyLogLine } from './log-format';

describe('prettyLogLine', () => {
  it('writes an access line as time, level, message, method, URL, status and duration', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 5, 9, 41, 7, 250),
      pid: 42,
      hostname: 'box',
      req: { id: 'r1', method: 'GET', url: '/api/v1/servers', remoteAddress: '::1' },
      res: { statusCode: 200 },
      responseTime: 12.4,
      msg: 'request completed',
    });
    expect(prettyLogLine(line)).toBe('09:41:07.250 INFO  request completed GET /api/v1/servers 200 12ms');
  });

  it('keeps other fields as key=value, an error as its message, and quotes what has spaces', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 1),
      name: 'worker',
      msg: 'job attempt failed',
      queue: 'retries',
      attempts: 2,
      err: { type: 'Error', message: 'ClickUp answered 503', stack: 'Error: …\n    at x' },
    });
    expect(prettyLogLine(line)).toBe(
      '00:00:00.000 WARN  [worker] job attempt failed queue=retries attempts=2 err="ClickUp answered 503"',
    );
  });

  it('colours the level only when asked, and leaves a line that is not JSON alone', () => {
    expect(prettyLogLine(JSON.stringify({ level: 50, msg: 'x' }), { color: true })).toBe(
      '\x1b[31mERROR\x1b[0m x',
    );
    expect(prettyLogLine('api listening on http://0.0.0.0:3001')).toBe(
      'api listening on http://0.0.0.0:3001',
    );
  });
});

describe('logDestination', () => {
  it('gives pino a stream that writes pretty lines, and nothing for JSON', () => {
    const written: string[] = [];
    const destination = logDestination(
      'pretty',
      { write: (text: string) => written.push(text) },
      { color: false },
    );
    pino({ base: undefined, timestamp: false }, destination).info({ jobs: 3 }, 'processing queue');
    expect(written).toEqual(['INFO  processing queue jobs=3\n']);
    expect(logDestination('json')).toBeUndefined();
  });

  it("leaves out Nest's boot lines per module and route, but not its warnings or other contexts", () => {
    const written: string[] = [];
    const destination = logDestination(
      'pretty',
      { write: (text: string) => written.push(text) },
      { color: false },
    );
    const logger = pino({ base: undefined, timestamp: false }, destination);
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/healthz, GET} route');
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.warn({ context: 'RouterExplorer' }, 'odd route');
    logger.info({ context: 'NestApplication' }, 'Nest application successfully started');
    expect(written).toEqual([
      'WARN  [RouterExplorer] odd route\n',
      'INFO  [NestApplication] Nest application successfully started\n',
    ]);
  });
});
