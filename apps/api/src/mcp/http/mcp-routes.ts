import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, McpConfig, RetryConfig } from '@gw/config';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuditService, type AuditEventInput } from '../../audit/audit.service';
import { outcomeOf } from '../../audit/outcome';
import { PrincipalResolver } from '../../auth/principal.resolver';
import { mayUseServer } from '../../common/access/server-access';
import { TeamsService } from '../../teams/teams.service';
import { FailureLimiter } from '../../rate-limits/failure-limiter.service';
import { SecurityEvents } from '../../security-events/security-events.service';
import { tokenHashPrefix } from '@gw/security';
import { batchRefusal } from '../protocol/batch-policy';
import { classify, ErrorCode, rpcError, serializeResponse, type JsonRpcResponse } from '../protocol/json-rpc';
import { McpDispatcher, type DispatchContext, type Dispatched } from '../protocol/mcp-dispatcher';
import { SessionIds, type ClientInfo } from '../protocol/session-id';
import { McpServerRegistry } from '../registry/mcp-server-registry.service';
import type { Resolution, ResolvedServer } from '../registry/resolved-server';
import { LegacySseSessions } from '../streams/legacy-sse-sessions';
import { NotificationStreams } from '../streams/notification-streams';
import {
  ProgressClock,
  progressNotification,
  progressTokenOf,
  ProgressReply,
} from '../streams/progress-reply';
import {
  accepts,
  allowedOrigins,
  bearerToken,
  originAllowed,
  protocolVersionProblem,
} from './request-checks';

/** The largest JSON-RPC body `/mcp/{token}` reads; the REST API keeps Fastify's smaller default. */
const MCP_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: { sessionId?: string } }>;

const SESSION_HEADER = 'mcp-session-id';

/** A denial before any JSON-RPC is read: an HTTP status and a JSON-RPC error body that reveals nothing more. */
class Denied {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    /** The server the token named, when it named one (an expired or second-factor denial). */
    readonly server?: ResolvedServer,
  ) {}

  get issueCode(): string {
    return this.status === 404
      ? 'NOT_FOUND'
      : this.status === 401
        ? 'AUTH_ERROR'
        : this.status === 403
          ? 'FORBIDDEN'
          : this.status === 503
            ? 'UNAVAILABLE'
            : 'VALIDATION_ERROR';
  }
}

/** Why a token no longer admits requests, for a batch that stops part-way. */
function revocationOf(resolution: Resolution): Denied | null {
  if (resolution.kind === 'ok') return null;
  if (resolution.kind === 'expired')
    return new Denied(401, 'This MCP URL has expired', {}, resolution.server);
  if (resolution.kind === 'unknown') return new Denied(404, 'Unknown MCP URL');
  return unconfirmed();
}

/** The server cache could not confirm recently enough that its grants are current: refuse rather than serve stale. */
const unconfirmed = () =>
  new Denied(
    503,
    'The gateway cannot confirm right now that this MCP URL is still valid (its database is not answering); retry shortly',
    { 'retry-after': '1' },
  );

/**
 * `/mcp/{token}`: Streamable HTTP (POST, GET, DELETE) and the older HTTP+SSE pair (`/sse` + `/messages`).
 * Registered on Fastify directly, outside Nest's controller pipeline, because it is the hot path; every check
 * Nest's guards would make is made here, in `admit`.
 */
@Injectable()
export class McpRoutes {
  private readonly logger = new Logger('McpRoutes');
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly registry: McpServerRegistry,
    private readonly dispatcher: McpDispatcher,
    private readonly principals: PrincipalResolver,
    private readonly sessions: SessionIds,
    private readonly streams: NotificationStreams,
    private readonly legacy: LegacySseSessions,
    private readonly audit: AuditService,
    private readonly securityEvents: SecurityEvents,
    private readonly failures: FailureLimiter,
    app: AppConfig,
    mcp: McpConfig,
    private readonly retry: RetryConfig,
    private readonly teams: TeamsService,
  ) {
    this.allowedOrigins = allowedOrigins([app.publicUrl, app.dashboardUrl, ...mcp.allowedOrigins]);
  }

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
      scope.post('/mcp/:token', (req, reply) => this.post(req as TokenRequest, reply));
      scope.get('/mcp/:token', (req, reply) => this.openStream(req as TokenRequest, reply));
      scope.delete('/mcp/:token', (req, reply) => this.endSession(req as TokenRequest, reply));
      scope.get('/mcp/:token/sse', (req, reply) => this.openLegacyStream(req as TokenRequest, reply));
      scope.post('/mcp/:token/messages', (req, reply) => this.postLegacyMessage(req as TokenRequest, reply));
    });
  }

  private async post(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    if (!accepts(req.headers, 'application/json') || !accepts(req.headers, 'text/event-stream')) {
      return this.deny(
        reply,
        new Denied(406, 'Not Acceptable: the client must accept application/json and text/event-stream'),
      );
    }
    if (!isJsonMediaType(req.headers['content-type'])) {
      return this.deny(reply, new Denied(415, 'Unsupported Media Type: send application/json'));
    }
    const parsed = parseBody(req.body);
    if (parsed === undefined) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.ParseError, 'Parse error: the body is not UTF-8 JSON'));
    }
    const batch = Array.isArray(parsed);
    const messages = batch ? parsed : [parsed];
    const refusal = batch ? batchRefusal(parsed, header(req, 'mcp-protocol-version')) : null;
    if (refusal) return void reply.code(400).send(refusal);
    let client = this.sessions.read(header(req, SESSION_HEADER), server.id);
    // Only a session id this server signed reaches the audit log; anything else a client sends is dropped.
    const presented = client ? header(req, SESSION_HEADER) : undefined;
    let issued: string | undefined;
    const responses: JsonRpcResponse[] = [];
    // One tools/call with a progress token may wait for ClickUp: its answer can become an event stream.
    const single = !batch ? classify(messages[0]) : null;
    const token =
      single?.kind === 'request' && single.message.method === 'tools/call'
        ? progressTokenOf(single.message.params)
        : undefined;
    const progress = token === undefined ? null : new ProgressReply(reply, token, this.retry.callBudgetMs);
    let current = server;
    for (const [index, value] of messages.entries()) {
      const message = classify(value);
      if (batch) {
        // A revoke, rotation or expiry stops a batch before its next message, not after its last.
        const resolution = await this.registry.resolve(req.params.token);
        const revoked = revocationOf(resolution);
        if (revoked) {
          await this.refuseRest(
            req,
            server,
            messages.slice(index),
            revoked,
            client,
            issued ?? presented,
            responses,
          );
          break;
        }
        if (resolution.kind === 'ok') current = resolution.server;
      }
      if (message.kind === 'invalid') {
        responses.push(rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`));
      } else if (message.kind === 'request') {
        const started = performance.now();
        const outcome = await this.dispatcher.dispatch(message.message, current, {
          origin: this.origin(req, client, issued ?? presented),
          onProgress: progress?.notify,
        });
        if (outcome.client) {
          client = outcome.client;
          issued = this.sessions.issue(outcome.client, current.id);
        }
        try {
          await this.audit.record(
            this.callEvent(
              req,
              current,
              message.message.method,
              outcome,
              client,
              issued ?? presented,
              performance.now() - started,
            ),
          );
        } catch {
          // A result is never returned without its audit row (the action may have happened; say so).
          const unavailable = rpcError(
            message.message.id,
            -32002,
            'The audit log is unavailable, so this result cannot be returned. A write may have been applied; check before retrying.',
          );
          if (progress?.started) return progress.finish(unavailable);
          return void reply.code(503).send(unavailable);
        }
        responses.push(outcome.response);
      }
    }
    this.registry.noteUse(server.id, client?.name ?? null, req.ip);
    if (progress?.started) return progress.finish(responses[0]);
    if (responses.length === 0) return void reply.code(202).send();
    if (issued) void reply.header('mcp-session-id', issued);
    void reply
      .code(200)
      .header('content-type', 'application/json')
      .send(batch ? responses : serializeResponse(responses[0]));
  }

  /** The requests of a batch left when its server stopped admitting them: each answered and audited as denied. */
  private async refuseRest(
    req: TokenRequest,
    server: ResolvedServer,
    rest: unknown[],
    denial: Denied,
    client: ClientInfo | null,
    sessionId: string | undefined,
    responses: JsonRpcResponse[],
  ): Promise<void> {
    for (const value of rest) {
      const message = classify(value);
      if (message.kind !== 'request') continue;
      const response = rpcError(message.message.id, -32001, denial.message);
      const event = this.callEvent(req, server, message.message.method, { response }, client, sessionId, 0);
      await this.audit
        .record({
          ...event,
          outcome: 'denied',
          issueCodes: [denial.issueCode],
          arguments: { reason: denial.message },
        })
        .catch(() => undefined);
      responses.push(response);
    }
  }

  /** The MCP request a call comes from, kept with a queued call for the audit event of its outcome. */
  private origin(
    req: FastifyRequest,
    client: ClientInfo | null,
    sessionId: string | undefined,
  ): DispatchContext['origin'] {
    return {
      client_name: client?.name ?? null,
      client_version: client?.version ?? null,
      session_id: sessionId ?? null,
      request_id: String(req.id),
      ip: req.ip,
      user_agent: header(req, 'user-agent') ?? null,
    };
  }

  private async openStream(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    if (!accepts(req.headers, 'text/event-stream')) {
      return this.deny(reply, new Denied(406, 'Not Acceptable: the client must accept text/event-stream'));
    }
    reply.hijack();
    this.streams.open(server, req.params.token, reply.raw, {});
  }

  private async endSession(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    // Sessions hold no server-side state (see SessionIds), so there is nothing to tear down.
    void reply.code(204).send();
  }

  private async openLegacyStream(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    reply.hijack();
    this.legacy.open(server, req.params.token, reply.raw);
  }

  private async postLegacyMessage(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    const session = this.legacy.get(req.query.sessionId ?? '', server.id);
    if (!session) return this.deny(reply, new Denied(404, 'Unknown or closed SSE session'));
    const parsed = parseBody(req.body);
    if (parsed === undefined || Array.isArray(parsed)) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.ParseError, 'Parse error: send one JSON-RPC message'));
    }
    const message = classify(parsed);
    void reply.code(202).send('Accepted');
    if (message.kind === 'invalid') {
      session.send(rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`));
    } else if (message.kind === 'request') {
      const started = performance.now();
      const token =
        message.message.method === 'tools/call' ? progressTokenOf(message.message.params) : undefined;
      const clock = new ProgressClock();
      const outcome = await this.dispatcher.dispatch(message.message, server, {
        origin: this.origin(req, session.client, session.id),
        onProgress:
          token === undefined
            ? undefined
            : (text) =>
                session.send(progressNotification(token, clock.next(), this.retry.callBudgetMs, text)),
      });
      if (outcome.client) session.client = outcome.client;
      this.registry.noteUse(server.id, session.client?.name ?? null, req.ip);
      try {
        await this.audit.record(
          this.callEvent(
            req,
            server,
            message.message.method,
            outcome,
            session.client,
            session.id,
            performance.now() - started,
          ),
        );
        session.send(outcome.response);
      } catch {
        session.send(
          rpcError(
            message.message.id,
            -32002,
            'The audit log is unavailable, so this result cannot be returned. A write may have been applied; check before retrying.',
          ),
        );
      }
    }
  }

  /** Origin, token, expiry, second factor and protocol version: the server if all pass, otherwise the answer is sent. */
  private async admit(req: TokenRequest, reply: FastifyReply): Promise<ResolvedServer | null> {
    const denial = await this.check(req);
    if (denial instanceof Denied) {
      // Unconfirmed: the database is not answering, so there is no server to name and no audit log to write to.
      if (denial.status !== 503) await this.recordDenial(req, denial);
      this.deny(reply, denial);
      return null;
    }
    return denial;
  }

  private async check(req: TokenRequest): Promise<ResolvedServer | Denied> {
    if (!originAllowed(header(req, 'origin'), this.allowedOrigins))
      return new Denied(403, 'Forbidden: origin not allowed');
    const resolution = await this.registry.resolve(req.params.token);
    if (resolution.kind === 'unconfirmed') return unconfirmed();
    if (resolution.kind === 'unknown') return new Denied(404, 'Unknown MCP URL');
    if (resolution.kind === 'expired')
      return new Denied(401, 'This MCP URL has expired', {}, resolution.server);
    const server = resolution.server;
    if (server.config.require_api_token_auth) {
      const token = bearerToken(req.headers);
      const principal = token ? await this.principals.fromApiToken(token) : null;
      if (!principal || !(await mayUseServer(principal, server, this.teams))) {
        return new Denied(
          401,
          'This MCP URL needs Authorization: Bearer <api token> of an owner, an admin or a member of its team',
          { 'www-authenticate': 'Bearer realm="mcp", error="invalid_token"' },
          server,
        );
      }
    }
    const problem = protocolVersionProblem(req.headers);
    if (problem) return new Denied(400, problem, {}, server);
    return server;
  }

  private callEvent(
    req: TokenRequest,
    server: ResolvedServer,
    method: string,
    outcome: Dispatched,
    client: ClientInfo | null,
    sessionId: string | undefined,
    durationMs: number,
  ): AuditEventInput {
    const base: AuditEventInput = {
      organizationId: server.organizationId,
      serverId: server.id,
      teamId: server.teamId,
      actor: `mcp:${server.id}`,
      action: method,
      outcome: 'ok',
      durationMs,
      requestId: String(req.id),
      clientName: client?.name,
      clientVersion: client?.version,
      sessionId,
      ip: req.ip,
      userAgent: header(req, 'user-agent'),
    };
    if ('error' in outcome.response) {
      return {
        ...base,
        outcome: 'error',
        issueCodes: [`JSONRPC_${outcome.response.error.code}`],
        arguments: { error: outcome.response.error.message },
      };
    }
    if (method === 'tools/list') {
      return {
        ...base,
        arguments: { tools_hash: server.selection.hash, tool_count: server.selection.listing.length },
      };
    }
    if (method === 'initialize') {
      return { ...base, clientName: outcome.client?.name, clientVersion: outcome.client?.version };
    }
    if (method === 'tools/call' && outcome.envelope) {
      const { outcome: result, issueCodes, upstreamStatus, jobId } = outcomeOf(outcome.envelope);
      return {
        ...base,
        tool: outcome.tool,
        arguments: outcome.arguments,
        outcome: result,
        issueCodes,
        upstreamStatus,
        jobId: jobId ?? outcome.jobId ?? null,
      };
    }
    return base;
  }

  /**
   * A denial naming a server (expired, second factor missing) goes to its organization's audit chain; one naming
   * none (unknown URL, foreign origin) belongs to nobody and is only counted as a security event. Both spend the
   * address's failure budget (docs/adr/0010-unauthenticated-refusals.md).
   */
  private async recordDenial(req: TokenRequest, denial: Denied): Promise<void> {
    const server = denial.server;
    const charged = denial.status === 401 || denial.status === 403 || denial.status === 404;
    if (charged) await this.failures.charge(req.ip).catch(() => undefined);
    if (!server) {
      this.securityEvents.record(
        req.ip,
        denial.status === 403 ? 'mcp_forbidden_origin' : 'mcp_unknown_token',
      );
      return;
    }
    await this.audit
      .record({
        organizationId: server.organizationId,
        serverId: server.id,
        teamId: server.teamId,
        actor: `mcp:${server.id}`,
        action: `http ${req.method} ${req.routeOptions.url ?? '/mcp'}`,
        arguments: { token_hash_prefix: tokenHashPrefix(req.params.token), reason: denial.message },
        outcome: 'denied',
        issueCodes: [denial.issueCode],
        requestId: String(req.id),
        clientName: server ? this.sessions.read(header(req, SESSION_HEADER), server.id)?.name : undefined,
        ip: req.ip,
        userAgent: header(req, 'user-agent'),
      })
      .catch(() => undefined);
  }

  private deny(reply: FastifyReply, denial: Denied): void {
    void reply
      .code(denial.status)
      .headers(denial.headers)
      .send(
        rpcError(
          null,
          denial.status === 404 || denial.status === 401
            ? -32001
            : denial.status === 503
              ? -32002
              : ErrorCode.InvalidRequest,
          denial.message,
        ),
      );
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** `application/json`, in any letter case, with or without parameters such as `charset`. */
function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON value of a body, or undefined when it is absent, not UTF-8 or not JSON. */
function parseBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    return JSON.parse(utf8.decode(body));
  } catch {
    return undefined;
  }
}

export type { ClientInfo };
