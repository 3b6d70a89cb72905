import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { json, startHttpStub, type HttpStub } from '../../../test/http-stub';
import { requestBuilders } from '../requests';
import { oauthRequests } from '../requests/oauth.requests';
import type { ClickUpRequest } from '../request';
import { tokenFingerprint, type ClickUpCredential } from './credential';
import { ClickUpError, type ClickUpErrorCode } from './errors';
import type { RateLimitInfo } from './rate-limit';
import { closeClickUpPools, ClickUpTransport } from './transport';

// The transport against a real HTTP server on an ephemeral port: what goes over the wire, and how every kind
// of failure comes back.

const PERSONAL: ClickUpCredential = { kind: 'personal', token: 'pk_183_SECRETSECRETSECRET' };
const OAUTH: ClickUpCredential = { kind: 'oauth', token: '183_oauthtokenvalue' };

let stub: HttpStub;
const transport = new ClickUpTransport();

beforeAll(async () => {
  stub = await startHttpStub();
});
afterAll(async () => {
  await closeClickUpPools();
  await stub.close();
});
beforeEach(() => {
  stub.requests.length = 0;
  stub.handle(json(200, {}));
});

function run(request: ClickUpRequest, options: { credential?: ClickUpCredential; timeoutMs?: number } = {}) {
  return transport.execute(request, {
    baseUrl: stub.baseUrl,
    credential: options.credential ?? PERSONAL,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
}

async function failure(promise: Promise<unknown>): Promise<ClickUpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClickUpError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const createTask = () => requestBuilders.tasks.create('124', { name: 'Fix login' });
const getTask = () => requestBuilders.tasks.get('9hz');

describe('what goes over the wire', () => {
  it('sends a personal token raw and an OAuth token as Bearer', async () => {
    await run(getTask(), { credential: PERSONAL });
    await run(getTask(), { credential: OAUTH });
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual([
      PERSONAL.token,
      `Bearer ${OAUTH.token}`,
    ]);
  });

  it('sends the path under /api/v2 or /api/v3, arrays as key[]=v, and JSON bodies', async () => {
    await run(requestBuilders.tasks.listInTeam('1234', { statuses: ['to do', 'done'], page: 1 }));
    await run(requestBuilders.docs.get('1234', '8cht190-831'));
    await run(createTask());
    const [list, doc, create] = stub.requests;
    expect(list.url).toBe('/api/v2/team/1234/task?page=1&statuses[]=to%20do&statuses[]=done');
    expect(doc.url).toBe('/api/v3/workspaces/1234/docs/8cht190-831');
    expect(create).toMatchObject({ method: 'POST', url: '/api/v2/list/124/task' });
    expect(create.headers['content-type']).toBe('application/json');
    expect(JSON.parse(create.body)).toEqual({ name: 'Fix login' });
  });

  it('sends an upload as multipart/form-data, the file under its field with its name and type', async () => {
    const text = '# Release 4.2 ✓\n';
    await run(
      requestBuilders.attachments.uploadToTask('9hz', {
        file_name: 'notes.md',
        mime_type: 'text/markdown',
        content_base64: Buffer.from(text).toString('base64'),
      }),
    );
    const [upload] = stub.requests;
    expect(upload).toMatchObject({ method: 'POST', url: '/api/v2/task/9hz/attachment' });
    const contentType = String(upload.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://stub/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: upload.body,
    }).formData();
    const file = form.get('attachment') as File;
    expect({ name: file.name, type: file.type, text: await file.text() }).toEqual({
      name: 'notes.md',
      type: 'text/markdown',
      text,
    });
  });

  it('encodes ids and tag names as one path segment', async () => {
    await run(
      requestBuilders.tasks.addTag('JOSH-917', 'needs review/qa', { customTaskIds: true, teamId: '1234' }),
    );
    expect(stub.requests[0].url).toBe(
      '/api/v2/task/JOSH-917/tag/needs%20review%2Fqa?custom_task_ids=true&team_id=1234',
    );
  });

  it('keeps a base URL path prefix (a proxy in front of ClickUp)', async () => {
    await transport.execute(getTask(), {
      baseUrl: `${stub.baseUrl}/clickup/`,
      credential: PERSONAL,
      timeoutMs: 2000,
    });
    expect(stub.requests[0].url).toBe('/clickup/api/v2/task/9hz');
  });

  it('forwards the trace context it is given as traceparent, and none otherwise', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01';
    await transport.execute(getTask(), {
      baseUrl: stub.baseUrl,
      credential: PERSONAL,
      timeoutMs: 2000,
      traceparent,
    });
    await run(getTask());
    expect(stub.requests.map((r) => r.headers.traceparent)).toEqual([traceparent, undefined]);
  });

  it('sends no Authorization header for the OAuth token exchange', async () => {
    await transport.execute(oauthRequests.token({ clientId: 'c', clientSecret: 's', code: 'x' }), {
      baseUrl: stub.baseUrl,
      timeoutMs: 2000,
    });
    expect(stub.requests[0].headers.authorization).toBeUndefined();
  });

  it('reuses kept-alive connections for sequential requests, across transports', async () => {
    const other = new ClickUpTransport();
    for (let i = 0; i < 10; i++) await run(getTask());
    for (let i = 0; i < 10; i++) {
      await other.execute(getTask(), { baseUrl: stub.baseUrl, credential: OAUTH, timeoutMs: 2000 });
    }
    const connections = new Set(stub.requests.map((r) => r.connection));
    expect(stub.requests).toHaveLength(20);
    // undici may open a second socket while the first finishes its previous answer; never one per request.
    expect(connections.size).toBeLessThanOrEqual(2);
  });

  it('returns status, parsed body and rate limit of a success, and null for an empty 204', async () => {
    stub.handle(
      json(
        200,
        { id: '9hz' },
        { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '1767225660' },
      ),
    );
    await expect(run(getTask())).resolves.toEqual({
      status: 200,
      body: { id: '9hz' },
      rateLimit: { limit: 100, remaining: 99, resetAtMs: 1767225660000 },
    });
    stub.handle((_req, res) => res.writeHead(204).end());
    await expect(run(requestBuilders.tasks.delete('9hz'))).resolves.toEqual({
      status: 204,
      body: null,
      rateLimit: null,
    });
  });
});

describe('rate-limit headers', () => {
  it('reports every answer’s budget under the token’s fingerprint, never the token', async () => {
    const seen: Array<[string, RateLimitInfo]> = [];
    const reporting = new ClickUpTransport({
      onRateLimit: (fingerprint, info) => seen.push([fingerprint, info]),
    });
    stub.handle(
      json(
        200,
        {},
        { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '42', 'X-RateLimit-Reset': '1767225660123' },
      ),
    );
    await reporting.execute(getTask(), { baseUrl: stub.baseUrl, credential: PERSONAL, timeoutMs: 2000 });
    stub.handle(
      json(
        429,
        { err: 'Rate limit reached', ECODE: 'APP_002' },
        { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1767225700' },
      ),
    );
    await failure(
      reporting.execute(getTask(), { baseUrl: stub.baseUrl, credential: PERSONAL, timeoutMs: 2000 }),
    );
    expect(seen).toEqual([
      [tokenFingerprint(PERSONAL.token), { limit: 100, remaining: 42, resetAtMs: 1767225660123 }],
      [tokenFingerprint(PERSONAL.token), { limit: 100, remaining: 0, resetAtMs: 1767225700000 }],
    ]);
    expect(JSON.stringify(seen)).not.toContain(PERSONAL.token);
  });

  it('does not fail a call when the rate-limit hook throws', async () => {
    const throwing = new ClickUpTransport({
      onRateLimit: () => {
        throw new Error('budget store down');
      },
    });
    stub.handle(json(200, { ok: true }, { 'x-ratelimit-remaining': '1' }));
    await expect(
      throwing.execute(getTask(), { baseUrl: stub.baseUrl, credential: PERSONAL, timeoutMs: 2000 }),
    ).resolves.toMatchObject({
      status: 200,
    });
  });
});

describe('429', () => {
  it('computes retry_after_ms from X-RateLimit-Reset in seconds', async () => {
    const resetSeconds = Math.floor(Date.now() / 1000) + 30;
    stub.handle(
      json(
        429,
        { err: 'Rate limit reached', ECODE: 'APP_002' },
        {
          'x-ratelimit-reset': String(resetSeconds),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-limit': '100',
        },
      ),
    );
    const error = await failure(run(getTask()));
    expect(error).toMatchObject({ code: 'RATE_LIMIT', status: 429, ecode: 'APP_002', maybeApplied: false });
    const expected = resetSeconds * 1000 - Date.now();
    expect(error.retryAfterMs).toBeGreaterThan(expected - 1000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(expected + 1000);
    expect(error.toIssue()).toEqual({
      code: 'RATE_LIMIT',
      message: error.message,
      retry_after_ms: error.retryAfterMs,
    });
    expect(error.rateLimit).toEqual({ limit: 100, remaining: 0, resetAtMs: resetSeconds * 1000 });
  });

  it('computes retry_after_ms from X-RateLimit-Reset in milliseconds', async () => {
    const resetMs = Date.now() + 12_000;
    stub.handle(json(429, { err: 'Rate limit reached' }, { 'x-ratelimit-reset': String(resetMs) }));
    const error = await failure(run(getTask()));
    expect(error.retryAfterMs).toBeGreaterThan(10_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(12_000);
  });

  it('falls back to Retry-After, then to one rate-limit window', async () => {
    stub.handle(json(429, {}, { 'retry-after': '7' }));
    expect((await failure(run(getTask()))).retryAfterMs).toBe(7_000);
    stub.handle(json(429, {}));
    expect((await failure(run(getTask()))).retryAfterMs).toBe(60_000);
  });
});

describe('error mapping', () => {
  type Row = [status: number, body: unknown, code: ClickUpErrorCode, ecode: string | null];
  const rows: Row[] = [
    [400, { err: 'Status does not exist', ECODE: 'ITEM_114' }, 'VALIDATION_ERROR', 'ITEM_114'],
    [
      400,
      { err: 'Custom field not applicable', ECODE: 'FIELD_033', message: 'x' },
      'VALIDATION_ERROR',
      'FIELD_033',
    ],
    [422, { err: 'Unprocessable' }, 'VALIDATION_ERROR', null],
    [401, { err: 'Authorization header required', ECODE: 'OAUTH_017' }, 'AUTH_ERROR', 'OAUTH_017'],
    [401, { err: 'Oauth token not found', ECODE: 'OAUTH_018' }, 'AUTH_ERROR', 'OAUTH_018'],
    [401, { err: 'Token not found', ECODE: 'OAUTH_019' }, 'AUTH_ERROR', 'OAUTH_019'],
    [401, { err: 'Token not found', ECODE: 'OAUTH_021' }, 'AUTH_ERROR', 'OAUTH_021'],
    [401, { err: 'Token invalid', ECODE: 'OAUTH_025' }, 'AUTH_ERROR', 'OAUTH_025'],
    [401, { err: 'Token not found', ECODE: 'OAUTH_077' }, 'AUTH_ERROR', 'OAUTH_077'],
    [401, { err: 'Unauthorized' }, 'AUTH_ERROR', null],
    [401, { err: 'Team(s) not authorized', ECODE: 'OAUTH_023' }, 'FORBIDDEN', 'OAUTH_023'],
    [401, { err: 'Team not authorized', ECODE: 'OAUTH_026' }, 'FORBIDDEN', 'OAUTH_026'],
    [401, { err: 'Team not authorized', ECODE: 'OAUTH_027' }, 'FORBIDDEN', 'OAUTH_027'],
    [401, { err: 'Team not authorized', ECODE: 'OAUTH_029' }, 'FORBIDDEN', 'OAUTH_029'],
    [401, { err: 'Team not authorized', ECODE: 'OAUTH_036' }, 'FORBIDDEN', 'OAUTH_036'],
    [401, { err: 'Team not authorized', ECODE: 'OAUTH_045' }, 'FORBIDDEN', 'OAUTH_045'],
    [403, { err: 'Forbidden', ECODE: 'ACCESS_083' }, 'FORBIDDEN', 'ACCESS_083'],
    [404, { err: 'Task not found', ECODE: 'ITEM_015' }, 'NOT_FOUND', 'ITEM_015'],
    [404, { status: 404, message: 'Doc not found', trace_id: null, timestamp: 1 }, 'NOT_FOUND', null],
    [405, '', 'NOT_FOUND', null],
    [429, { err: 'Rate limit reached', ECODE: 'APP_002' }, 'RATE_LIMIT', 'APP_002'],
    [500, { err: 'Internal error' }, 'UPSTREAM_ERROR', null],
    [502, '<html>Bad gateway</html>', 'UPSTREAM_ERROR', null],
    [503, '', 'UPSTREAM_ERROR', null],
  ];

  it.each(rows)('%i %j → %s', async (status, body, code, ecode) => {
    stub.handle((_req, res) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res
        .writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' })
        .end(text);
    });
    const error = await failure(run(createTask()));
    expect(error).toMatchObject({ code, status, ecode, operation: 'createTask' });
    expect(error.upstreamStatus).toBe(code === 'UPSTREAM_ERROR' ? status : null);
    // Only a 5xx leaves a sent write in doubt; ClickUp refused everything else.
    expect(error.maybeApplied).toBe(code === 'UPSTREAM_ERROR');
    const text =
      typeof body === 'object' && body !== null
        ? ((body as { err?: string; message?: string }).err ?? (body as { message?: string }).message)
        : undefined;
    if (text) expect(error.message).toContain(text);
  });

  it('maps an HTML 404 (unknown route or method) to NOT_FOUND', async () => {
    stub.handle((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<!DOCTYPE html><h1>Cannot PUT</h1>'),
    );
    const error = await failure(run(requestBuilders.spaces.get('790')));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, maybeApplied: false });
    expect(error.message).toBe('ClickUp found no such item or route (404) (not a JSON answer)');
  });

  it('maps a 2xx answer that is not JSON to UPSTREAM_ERROR', async () => {
    stub.handle((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'),
    );
    const error = await failure(run(createTask()));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 200, maybeApplied: true });
    expect(error.message).toContain('not JSON');
  });

  it('carries the upstream status in the envelope issue of a 5xx', async () => {
    stub.handle(json(503, { err: 'Service unavailable' }, { 'retry-after': '3' }));
    const error = await failure(run(getTask()));
    expect(error.toIssue()).toEqual({
      code: 'UPSTREAM_ERROR',
      message: error.message,
      retry_after_ms: 3000,
      upstream_status: 503,
    });
    expect(error.maybeApplied).toBe(false);
  });
});

describe('network failures', () => {
  it('turns a timeout into UPSTREAM_ERROR; a write may have been applied, a read not', async () => {
    stub.handle(() => undefined);
    const write = await failure(run(createTask(), { timeoutMs: 150 }));
    expect(write).toMatchObject({ code: 'UPSTREAM_ERROR', status: null, maybeApplied: true });
    expect(write.message).toBe('ClickUp did not answer within 150 ms');
    const read = await failure(run(getTask(), { timeoutMs: 150 }));
    expect(read).toMatchObject({ code: 'UPSTREAM_ERROR', maybeApplied: false });
  });

  it('times out a body that stops arriving', async () => {
    stub.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const error = await failure(run(createTask(), { timeoutMs: 150 }));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', maybeApplied: true });
  });

  it('turns a connection reset after sending into UPSTREAM_ERROR with maybeApplied', async () => {
    stub.handle((req) => req.socket.destroy());
    const error = await failure(run(createTask()));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', status: null, maybeApplied: true });
    expect(error.message).toContain('The connection to ClickUp broke');
  });

  it('turns a refused connection into UPSTREAM_ERROR that was not applied', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      transport.execute(createTask(), {
        baseUrl: `http://127.0.0.1:${port}`,
        credential: PERSONAL,
        timeoutMs: 2000,
      }),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', maybeApplied: false });
    expect(error.message).toBe('ClickUp could not be reached (ECONNREFUSED)');
  });

  it('stops when the caller cancels', async () => {
    stub.handle(() => undefined);
    const controller = new AbortController();
    const pending = transport.execute(createTask(), {
      baseUrl: stub.baseUrl,
      credential: PERSONAL,
      timeoutMs: 5000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', maybeApplied: true });
    expect(error.message).toContain('cancelled');
  });

  it('sends nothing for a call cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      transport.execute(getTask(), {
        baseUrl: stub.baseUrl,
        credential: PERSONAL,
        timeoutMs: 5000,
        signal: controller.signal,
      }),
    );
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', maybeApplied: false });
    expect(error.message).toContain('cancelled');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('secrets never reach an error message', () => {
  it('redacts a token ClickUp echoes back, in the message and in the serialized error', async () => {
    stub.handle((req, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ err: `Token invalid: ${String(req.headers.authorization)}`, ECODE: 'OAUTH_025' }),
        );
    });
    for (const credential of [PERSONAL, OAUTH]) {
      const error = await failure(run(getTask(), { credential }));
      expect(error.code).toBe('AUTH_ERROR');
      for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
        expect(text).not.toContain(credential.token);
      }
      expect(error.message).toContain('[redacted]');
    }
  });

  it('redacts any pk_ token-shaped string and the OAuth client secret and code', async () => {
    stub.handle(
      json(400, {
        err: 'bad client_secret topsecret-123 for code abc-code-9 (other pk_999_LEAKED)',
        ECODE: 'OAUTH_010',
      }),
    );
    const error = await failure(
      transport.execute(
        oauthRequests.token({ clientId: 'client', clientSecret: 'topsecret-123', code: 'abc-code-9' }),
        {
          baseUrl: stub.baseUrl,
          timeoutMs: 2000,
          secrets: ['topsecret-123', 'abc-code-9'],
        },
      ),
    );
    expect(error.message).not.toMatch(/topsecret-123|abc-code-9|pk_999_LEAKED/);
  });

  it('does not put the token in timeout or reset messages', async () => {
    stub.handle((req) => req.socket.destroy());
    const reset = await failure(run(createTask()));
    stub.handle(() => undefined);
    const timeout = await failure(run(createTask(), { timeoutMs: 100 }));
    for (const error of [reset, timeout])
      expect(JSON.stringify(error) + error.message).not.toContain(PERSONAL.token);
  });
});
