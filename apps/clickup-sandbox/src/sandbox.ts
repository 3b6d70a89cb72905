import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate } from './auth/authenticate';
import { handleControl, type ControlTarget } from './controls/controls';
import { FaultRegistry, type Fault } from './controls/faults';
import { RateLimiter, WINDOW_MS, type RateState } from './controls/rate-limiter';
import { RequestLog } from './controls/request-log';
import type { Principal } from './auth/principal';
import { ApiError, Errors } from './http/api-error';
import { readBody, type ReadBody } from './http/body';
import type { Ctx, Reply, RouteDef } from './http/context';
import { parseQuery, QueryReader, type Query } from './http/query';
import { RouteTable } from './http/route-table';
import { Router } from './http/router';
import { DEFAULT_OAUTH_CLIENT, type OAuthClient } from './oauth/oauth-clients';
import { oauthRoutes } from './oauth/oauth.routes';
import { checklistRoutes } from './routes/checklists.routes';
import { commentRoutes } from './routes/comments.routes';
import { customFieldRoutes } from './routes/custom-fields.routes';
import { docRoutes } from './routes/docs.routes';
import { folderRoutes } from './routes/folders.routes';
import { goalRoutes } from './routes/goals.routes';
import { listRoutes } from './routes/lists.routes';
import { relationshipRoutes } from './routes/relationships.routes';
import { spaceRoutes } from './routes/spaces.routes';
import { tagRoutes } from './routes/tags.routes';
import { taskRoutes } from './routes/tasks.routes';
import { timeEntryRoutes } from './routes/time-entries.routes';
import { workspaceRoutes } from './routes/workspaces.routes';
import { viewRoutes } from './routes/views.routes';
import { seed } from './seed';
import type { Store } from './store/store';
import { escapeHtml } from './util/markdown';

export interface SandboxOptions {
  latencyMs?: number;
  rateLimitPerMinute?: number;
  oauthClients?: OAuthClient[];
}

export interface Sandbox {
  /** Resolves to the base URL, e.g. `http://127.0.0.1:3002`. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Back to the seeded state: data, faults, request log, rate windows, latency and limit as started. */
  reset(): void;
  readonly routes: readonly { method: string; path: string }[];
}

function buildRoutes(clients: () => OAuthClient[]): RouteDef[] {
  const table = new RouteTable();
  for (const register of [
    workspaceRoutes,
    spaceRoutes,
    folderRoutes,
    listRoutes,
    taskRoutes,
    customFieldRoutes,
    relationshipRoutes,
    tagRoutes,
    commentRoutes,
    checklistRoutes,
    goalRoutes,
    timeEntryRoutes,
    docRoutes,
    viewRoutes,
  ]) {
    register(table);
  }
  oauthRoutes(table, clients);
  return table.routes;
}

/** Express-style HTML 404: what ClickUp answers for unknown routes and wrong methods (API-NOTES §3). */
function notFoundHtml(method: string, path: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${escapeHtml(method)} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
}

interface Incoming {
  method: string;
  path: string;
  query: Query;
  body: ReadBody;
  headers: IncomingMessage['headers'];
}

let traceSeq = 0;

function errorBody(route: RouteDef | undefined, e: ApiError): unknown {
  if (route?.version === 'v3')
    return { status: e.status, message: e.err, trace_id: 700000000 + ++traceSeq, timestamp: Date.now() };
  return { err: e.err, ECODE: e.ecode, ...e.extra };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const initialLatency = options.latencyMs ?? 0;
  const initialLimit = options.rateLimitPerMinute ?? 100;
  const clients = options.oauthClients ?? [DEFAULT_OAUTH_CLIENT];
  let store: Store = seed(Date.now());
  const router = new Router<RouteDef>();
  const routes = buildRoutes(() => clients);
  for (const r of routes) router.add(r.method, r.path, r);
  const sockets = new Set<Socket>();

  const state: ControlTarget = {
    limiter: new RateLimiter(initialLimit),
    faults: new FaultRegistry(),
    log: new RequestLog(),
    latencyMs: initialLatency,
    reset() {
      store = seed(Date.now());
      state.limiter.reset(initialLimit, WINDOW_MS);
      state.faults.clear();
      state.log.clear();
      state.latencyMs = initialLatency;
    },
    revokeOAuth(userKey) {
      const user = store.usersByKey.get(userKey);
      if (!user) return null;
      let revoked = 0;
      for (const [token, grant] of store.oauthTokens) {
        if (grant.userId !== user.id) continue;
        store.oauthTokens.delete(token);
        revoked++;
      }
      return revoked;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = parseQuery(q === -1 ? '' : url.slice(q + 1));
    const control = path.startsWith('/_sandbox/') || path === '/_sandbox';
    const body = await readBody(req, control);

    if (control) {
      const reply = handleControl(state, method, path, new QueryReader(query), body.parsed, body.invalidJson);
      send(
        res,
        reply.status,
        { 'content-type': 'application/json; charset=utf-8' },
        JSON.stringify(reply.body),
      );
      return;
    }

    const entry = state.log.record(method, path, query, req.headers, body.logged);
    const match = router.match(method, path);
    const route = match.kind === 'found' ? match.route : undefined;
    const rate = state.limiter.take(
      req.headers['authorization'] ?? `anonymous:${req.socket.remoteAddress ?? ''}`,
      Date.now(),
    );
    const fault = state.faults.take(method, path);
    const delay = state.latencyMs + (fault?.delay_ms ?? 0);

    let reply: Reply;
    if (rate.limited) reply = fromError(route, Errors.rateLimited());
    else if (fault && !fault.after_commit && (fault.status !== undefined || fault.reset_connection))
      reply = faultReply(route, fault);
    else if (!route)
      reply = {
        status: 404,
        raw: { contentType: 'text/html; charset=utf-8', text: notFoundHtml(method, path) },
      };
    else {
      const params = match.kind === 'found' ? match.params : {};
      reply = run(route, params, { method, path, query, body, headers: req.headers });
      // after_commit: the write above went through; the client still sees the failure (duplicate-write case).
      if (fault?.after_commit) reply = faultReply(route, fault);
    }

    if (delay > 0) await sleep(delay);
    entry.status = fault?.reset_connection ? 0 : reply.status;
    if (fault?.reset_connection) {
      req.socket.destroy();
      return;
    }
    write(res, reply, rate);
  }

  function run(route: RouteDef, params: Record<string, string>, request: Incoming): Reply {
    const { method, path, body, headers } = request;
    try {
      if (body.invalidJson) throw Errors.invalidJson();
      const principal = route.auth ? authenticate(store, headers['authorization']) : undefined;
      const ctx: Ctx = {
        method,
        path,
        params,
        query: new QueryReader(request.query),
        body: body.parsed,
        headers,
        store,
        get principal(): Principal {
          if (!principal)
            throw new Error(`${method} ${path} takes no Authorization; its handler cannot ask who calls`);
          return principal;
        },
        now: Date.now(),
      };
      const reply = route.handler(ctx);
      if (method !== 'GET') store.jsonCache.clear();
      return reply;
    } catch (e) {
      if (method !== 'GET') store.jsonCache.clear();
      if (e instanceof ApiError) return fromError(route, e);
      console.error(`sandbox: ${method} ${path} failed`, e);
      return fromError(route, new ApiError(500, 'Internal server error', 'SANDBOX_500'));
    }
  }

  function faultReply(route: RouteDef | undefined, fault: Fault): Reply {
    const status = fault.status ?? 500;
    return fromError(route, new ApiError(status, `Injected fault ${fault.id}`, 'SANDBOX_FAULT'));
  }

  function fromError(route: RouteDef | undefined, e: ApiError): Reply {
    return { status: e.status, body: errorBody(route, e) };
  }

  function write(res: ServerResponse, reply: Reply, rate: RateState): void {
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(rate.resetSeconds),
      ...reply.headers,
    };
    if (reply.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      send(res, reply.status, headers, reply.json);
    } else if (reply.raw) {
      headers['content-type'] = reply.raw.contentType;
      send(res, reply.status, headers, reply.raw.text);
    } else if (reply.status === 204 || reply.body === undefined) {
      send(res, reply.status, headers, undefined);
    } else {
      headers['content-type'] = 'application/json; charset=utf-8';
      send(res, reply.status, headers, JSON.stringify(reply.body));
    }
  }

  function send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    text: string | undefined,
  ): void {
    if (text !== undefined) headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, headers);
    res.end(text);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('sandbox: request failed', e);
      if (!res.headersSent)
        send(
          res,
          500,
          { 'content-type': 'application/json; charset=utf-8' },
          JSON.stringify({ err: 'Internal server error', ECODE: 'SANDBOX_500' }),
        );
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    routes: routes.map((r) => ({ method: r.method, path: r.path })),
    listen(port: number, host = '127.0.0.1') {
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
    reset: () => state.reset(),
  };
}
