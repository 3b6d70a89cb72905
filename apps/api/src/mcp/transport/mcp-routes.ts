import { Injectable, Logger } from '@nestjs/common';
import { RetryConfig } from '@gw/config';
import { activeSpan, contextFromHeaders, inSpan, markError, SpanKind, SPANS } from '@gw/tracing';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteTrace } from '../../logging/mcp-access-log';
import { McpAdmission } from '../admission/admission';
import { Denied } from '../admission/denial';
import { ErrorCode, rpcError, serializeResponse } from '../dispatch/json-rpc';
import { McpExchange } from '../dispatch/mcp-exchange';
import { isModern } from '../dispatch/protocol-versions';
import type { Admitted, McpAddress, McpRequest } from '../mcp-request';
import { accepts, isJsonMediaType, parseBody } from './http-body';
import { LegacySseSessions } from './streams/legacy-sse-sessions';
import { NotificationStreams } from './streams/notification-streams';
import {
  ProgressClock,
  progressNotification,
  callProgressToken,
  ProgressReply,
} from './streams/progress-reply';

/** The largest JSON-RPC body `/mcp/{token}` reads; the REST API keeps Fastify's smaller default. */
export const MCP_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** `/mcp/{token}…` names a secret URL's token; `/mcp/servers/{id}` a sign-in server. */
type McpHttpRequest = FastifyRequest<{
  Params: { token?: string; id?: string };
  Querystring: { sessionId?: string };
}>;
type TokenRequest = McpHttpRequest & { params: { token: string } };

/** What a browser-based MCP client may send to a sign-in URL and read from its answers (CORS). */
const SIGN_IN_CORS = {
  'access-control-allow-methods': 'GET, POST, DELETE',
  'access-control-allow-headers':
    'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, mcp-method, mcp-name, last-event-id',
  'access-control-max-age': '600',
};
const SIGN_IN_EXPOSED_HEADERS = 'mcp-session-id, www-authenticate';

/**
 * The MCP URLs over HTTP: Streamable HTTP (POST, GET, DELETE) at a secret URL `/mcp/{token}` and at a sign-in URL
 * `/mcp/servers/{id}`, and the older HTTP+SSE pair (`/sse` + `/messages`) at secret URLs. Bytes in, bytes out: each
 * request goes to admission, its JSON-RPC to the exchange, and the answer back as JSON or an event stream.
 * Registered on Fastify directly, outside Nest's controller pipeline, because it is the hot path
 * (docs/adr/0011-mcp-pipeline.md).
 */
@Injectable()
export class McpRoutes {
  private readonly logger = new Logger('McpRoutes');

  constructor(
    private readonly admission: McpAdmission,
    private readonly exchange: McpExchange,
    private readonly streams: NotificationStreams,
    private readonly legacy: LegacySseSessions,
    private readonly retry: RetryConfig,
  ) {}

  register(fastify: FastifyInstance): void {
    fastify.register(async (scope) => {
      // Bodies of any media type are read as bytes and parsed here, so a wrong media type, bytes that are not
      // UTF-8 and malformed JSON all get a JSON-RPC answer rather than Fastify's REST-shaped 400 or 415.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: MCP_BODY_LIMIT_BYTES },
        (_req, body, done) => done(null, body),
      );
      // What Fastify still refuses before a handler runs (a body over the limit, a length that does not match).
      scope.setErrorHandler((error: FastifyError, req, reply) => {
        const status =
          error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        if (status === 500)
          this.logger.error({ err: error, correlation_id: String(req.id) }, 'unhandled error');
        const message =
          status === 413
            ? `Payload Too Large: an MCP message may be up to ${MCP_BODY_LIMIT_BYTES / 1024 / 1024} MiB`
            : status === 500
              ? 'Internal error'
              : error.message;
        void reply
          .code(status)
          .send(rpcError(null, status === 500 ? ErrorCode.InternalError : ErrorCode.InvalidRequest, message));
      });
      scope.post('/mcp/:token', (req, reply) =>
        traced(req, reply, () => this.post(req as McpHttpRequest, reply)),
      );
      scope.get('/mcp/:token', (req, reply) =>
        traced(req, reply, () => this.openStream(req as McpHttpRequest, reply)),
      );
      scope.delete('/mcp/:token', (req, reply) =>
        traced(req, reply, () => this.endSession(req as McpHttpRequest, reply)),
      );
      scope.get('/mcp/:token/sse', (req, reply) =>
        traced(req, reply, () => this.openLegacyStream(req as TokenRequest, reply)),
      );
      scope.post('/mcp/:token/messages', (req, reply) =>
        traced(req, reply, () => this.postLegacyMessage(req as TokenRequest, reply)),
      );
      // A sign-in server: the same Streamable HTTP, its caller named by an OAuth access token.
      scope.post('/mcp/servers/:id', (req, reply) =>
        traced(req, reply, () => this.signIn(req, reply, () => this.post(req as McpHttpRequest, reply))),
      );
      scope.get('/mcp/servers/:id', (req, reply) =>
        traced(req, reply, () =>
          this.signIn(req, reply, () => this.openStream(req as McpHttpRequest, reply)),
        ),
      );
      scope.delete('/mcp/servers/:id', (req, reply) =>
        traced(req, reply, () =>
          this.signIn(req, reply, () => this.endSession(req as McpHttpRequest, reply)),
        ),
      );
      scope.options('/mcp/servers/:id', (req, reply) => this.preflight(req, reply));
    });
  }

  /**
   * Browser-based MCP clients on an allowed origin (the same origins the secret URL accepts) may read a sign-in
   * URL's answers, its 401 challenge included; any other origin is refused by admission.
   */
  private signIn(req: FastifyRequest, reply: FastifyReply, handle: () => Promise<void>): Promise<void> {
    const origin = req.headers.origin;
    if (origin && this.admission.allowsOrigin(origin)) {
      reply.raw.setHeader('access-control-allow-origin', origin);
      reply.raw.setHeader('access-control-expose-headers', SIGN_IN_EXPOSED_HEADERS);
    }
    reply.raw.setHeader('vary', 'Origin');
    return handle();
  }

  private preflight(req: FastifyRequest, reply: FastifyReply): void {
    const origin = req.headers.origin;
    if (!origin || !this.admission.allowsOrigin(origin)) {
      return deny(reply, new Denied(403, 'Forbidden: origin not allowed'));
    }
    void reply
      .code(204)
      .headers({ ...SIGN_IN_CORS, 'access-control-allow-origin': origin, vary: 'Origin' })
      .send();
  }

  private async post(req: McpHttpRequest, reply: FastifyReply): Promise<void> {
    const request = mcpRequest(req);
    const admitted = await this.admit(request, reply);
    if (!admitted) return;
    if (!accepts(req.headers, 'application/json') || !accepts(req.headers, 'text/event-stream')) {
      return deny(
        reply,
        new Denied(406, 'Not Acceptable: the client must accept application/json and text/event-stream'),
      );
    }
    if (!isJsonMediaType(req.headers['content-type'])) {
      return deny(reply, new Denied(415, 'Unsupported Media Type: send application/json'));
    }
    const body = parseBody(req.body);
    if (body === undefined) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.ParseError, 'Parse error: the body is not UTF-8 JSON'));
    }
    // One tools/call with a progress token may wait for ClickUp: its answer can become an event stream.
    const token = callProgressToken(body);
    const progress = token === undefined ? null : new ProgressReply(reply, token, this.retry.callBudgetMs);
    const exchanged = await this.exchange.post(request, admitted, body, progress?.notify);
    if ('trace' in exchanged && exchanged.trace) noteTrace(req.raw, exchanged.trace);
    if (exchanged.kind === 'refused') return void reply.code(400).send(exchanged.response);
    if (exchanged.kind === 'unrecorded') {
      if (progress?.started) return progress.finish(exchanged.response);
      return void reply.code(503).send(exchanged.response);
    }
    if (exchanged.kind === 'subscribed') {
      reply.hijack();
      return this.streams.subscribe(
        admitted,
        request.address,
        reply.raw,
        exchanged.subscription,
        exchanged.closing,
      );
    }
    const { responses, session, status } = exchanged;
    if (progress?.started) return progress.finish(responses[0]);
    if (responses.length === 0) return void reply.code(202).send();
    if (session) void reply.header('mcp-session-id', session);
    void reply
      .code(status ?? 200)
      .header('content-type', 'application/json')
      .send(Array.isArray(body) ? responses : serializeResponse(responses[0]));
  }

  private async openStream(req: McpHttpRequest, reply: FastifyReply): Promise<void> {
    const request = mcpRequest(req);
    const admitted = await this.admit(request, reply);
    if (!admitted) return;
    if (modernHeader(req)) return postOnly(reply);
    if (!accepts(req.headers, 'text/event-stream')) {
      return deny(reply, new Denied(406, 'Not Acceptable: the client must accept text/event-stream'));
    }
    reply.hijack();
    this.streams.open(admitted, request.address, reply.raw, {});
  }

  private async endSession(req: McpHttpRequest, reply: FastifyReply): Promise<void> {
    const admitted = await this.admit(mcpRequest(req), reply);
    if (!admitted) return;
    // A session id is a signed token holding no server-side state (SessionIds): there is nothing to end, and a
    // session that cannot be ended must not pretend it was (the spec's answer for that is 405).
    void reply
      .code(405)
      .header('allow', 'GET, POST')
      .send(
        rpcError(
          null,
          ErrorCode.InvalidRequest,
          'Method Not Allowed: MCP sessions here cannot be ended early',
        ),
      );
  }

  private async openLegacyStream(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const admitted = await this.admit(mcpRequest(req), reply);
    if (!admitted) return;
    reply.hijack();
    this.legacy.open(admitted, req.params.token, reply.raw);
  }

  private async postLegacyMessage(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const request = mcpRequest(req);
    const admitted = await this.admit(request, reply);
    if (!admitted) return;
    const session = this.legacy.get(req.query.sessionId ?? '', admitted.server.id);
    if (!session) return deny(reply, new Denied(404, 'Unknown or closed SSE session'));
    const body = parseBody(req.body);
    if (body === undefined || Array.isArray(body)) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.ParseError, 'Parse error: send one JSON-RPC message'));
    }
    void reply.code(202).send('Accepted');
    const token = callProgressToken(body);
    const clock = new ProgressClock();
    const onProgress =
      token === undefined
        ? undefined
        : (text: string) =>
            session.send(progressNotification(token, clock.next(), this.retry.callBudgetMs, text));
    const response = await this.exchange.legacy(request, admitted, body, session, onProgress);
    if (response) session.send(response);
  }

  /** The request's server (and person), or null once its refusal is sent. */
  private async admit(req: McpRequest, reply: FastifyReply): Promise<Admitted | null> {
    const admitted = await this.admission.admit(req);
    if (admitted.server) activeSpan().setAttribute('mcp.server.id', admitted.server.id);
    if (!(admitted instanceof Denied)) return admitted;
    deny(reply, admitted);
    return null;
  }
}

/**
 * One `mcp.request` span per HTTP request to an MCP URL, continuing the caller's trace when it sent a valid
 * `traceparent`. It names the route's template (never the URL, whose path is the server's secret), the protocol
 * version and session the client sent, and the status answered; admission adds the server.
 */
function traced(req: FastifyRequest, reply: FastifyReply, handle: () => Promise<void>): Promise<void> {
  return inSpan(
    SPANS.mcpRequest,
    { kind: SpanKind.SERVER, parent: contextFromHeaders(req.headers) },
    async (span) => {
      if (span.isRecording()) {
        span.setAttributes({
          'http.request.method': req.method,
          'http.route': req.routeOptions.url ?? '/mcp',
        });
        const version = req.headers['mcp-protocol-version'];
        if (typeof version === 'string') span.setAttribute('mcp.protocol.version', version.slice(0, 32));
        const session = req.headers['mcp-session-id'];
        if (typeof session === 'string') span.setAttribute('mcp.session.id', session.slice(0, 512));
      }
      await handle();
      if (span.isRecording()) {
        const status = reply.raw.statusCode;
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) markError(span, String(status));
      }
    },
  );
}

function mcpRequest(req: McpHttpRequest): McpRequest {
  const address: McpAddress =
    req.params.token === undefined
      ? { kind: 'sign_in', serverId: req.params.id ?? '' }
      : { kind: 'secret_url', token: req.params.token };
  return {
    address,
    id: String(req.id),
    ip: req.ip,
    route: `${req.method} ${req.routeOptions.url ?? '/mcp'}`,
    headers: req.headers,
    carriesMessages: req.method === 'POST',
  };
}

/** 2026-07-28 has neither the GET stream nor sessions to end: its clients only POST. */
function modernHeader(req: McpHttpRequest): boolean {
  const version = req.headers['mcp-protocol-version'];
  return typeof version === 'string' && isModern(version);
}

function postOnly(reply: FastifyReply): void {
  void reply
    .code(405)
    .header('allow', 'POST')
    .send(
      rpcError(
        null,
        ErrorCode.InvalidRequest,
        'Method Not Allowed: MCP 2026-07-28 sends every message as a POST',
      ),
    );
}

function deny(reply: FastifyReply, denial: Denied): void {
  void reply
    .code(denial.status)
    .headers(denial.headers)
    .send(rpcError(null, denial.rpcCode, denial.message));
}
