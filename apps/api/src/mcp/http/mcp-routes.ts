import { Injectable } from '@nestjs/common';
import { AppConfig, McpConfig } from '@gw/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PrincipalResolver } from '../../auth/principal.resolver';
import { classify, ErrorCode, rpcError, type JsonRpcResponse } from '../protocol/json-rpc';
import { McpDispatcher } from '../protocol/mcp-dispatcher';
import { SessionIds, type ClientInfo } from '../protocol/session-id';
import { McpServerRegistry } from '../registry/mcp-server-registry.service';
import type { ResolvedServer } from '../registry/resolved-server';
import { LegacySseSessions } from '../streams/legacy-sse-sessions';
import { NotificationStreams } from '../streams/notification-streams';
import {
  accepts,
  allowedOrigins,
  bearerToken,
  originAllowed,
  protocolVersionProblem,
} from './request-checks';

type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: { sessionId?: string } }>;

const SESSION_HEADER = 'mcp-session-id';

/** A denial before any JSON-RPC is read: an HTTP status and a JSON-RPC error body that reveals nothing more. */
class Denied {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * `/mcp/{token}`: Streamable HTTP (POST, GET, DELETE) and the older HTTP+SSE pair (`/sse` + `/messages`).
 * Registered on Fastify directly, outside Nest's controller pipeline, because it is the hot path; every check
 * Nest's guards would make is made here, in `admit`.
 */
@Injectable()
export class McpRoutes {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly registry: McpServerRegistry,
    private readonly dispatcher: McpDispatcher,
    private readonly principals: PrincipalResolver,
    private readonly sessions: SessionIds,
    private readonly streams: NotificationStreams,
    private readonly legacy: LegacySseSessions,
    app: AppConfig,
    mcp: McpConfig,
  ) {
    this.allowedOrigins = allowedOrigins([app.publicUrl, app.dashboardUrl, ...mcp.allowedOrigins]);
  }

  register(fastify: FastifyInstance): void {
    fastify.register(async (scope) => {
      // Bodies are parsed here, so malformed JSON becomes a JSON-RPC parse error rather than Fastify's 400.
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: 4 * 1024 * 1024 },
        (_req, body, done) => done(null, body),
      );
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
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return this.deny(reply, new Denied(415, 'Unsupported Media Type: send application/json'));
    }
    const parsed = parseBody(req.body);
    if (parsed === undefined) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.ParseError, 'Parse error: the body is not JSON'));
    }
    const batch = Array.isArray(parsed);
    const messages = batch ? parsed : [parsed];
    if (messages.length === 0) {
      return void reply
        .code(400)
        .send(rpcError(null, ErrorCode.InvalidRequest, 'Invalid Request: empty batch'));
    }
    let client = this.sessions.read(header(req, SESSION_HEADER));
    let sessionId: string | undefined;
    const responses: JsonRpcResponse[] = [];
    for (const value of messages) {
      const message = classify(value);
      if (message.kind === 'invalid') {
        responses.push(rpcError(message.id, ErrorCode.InvalidRequest, `Invalid Request: ${message.reason}`));
      } else if (message.kind === 'request') {
        const outcome = await this.dispatcher.dispatch(message.message, server);
        if (outcome.client) {
          client = outcome.client;
          sessionId = this.sessions.issue(outcome.client);
        }
        responses.push(outcome.response);
      }
    }
    this.registry.noteUse(server.id, client?.name ?? null, req.ip);
    if (responses.length === 0) return void reply.code(202).send();
    if (sessionId) void reply.header('mcp-session-id', sessionId);
    void reply
      .code(200)
      .header('content-type', 'application/json')
      .send(batch ? responses : responses[0]);
  }

  private async openStream(req: TokenRequest, reply: FastifyReply): Promise<void> {
    const server = await this.admit(req, reply);
    if (!server) return;
    if (!accepts(req.headers, 'text/event-stream')) {
      return this.deny(reply, new Denied(406, 'Not Acceptable: the client must accept text/event-stream'));
    }
    reply.hijack();
    this.streams.open(server.id, reply.raw, {});
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
    this.legacy.open(server.id, req.params.token, reply.raw);
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
      const outcome = await this.dispatcher.dispatch(message.message, server);
      if (outcome.client) session.client = outcome.client;
      this.registry.noteUse(server.id, session.client?.name ?? null, req.ip);
      session.send(outcome.response);
    }
  }

  /** Origin, token, expiry, second factor and protocol version: the server if all pass, otherwise the answer is sent. */
  private async admit(req: TokenRequest, reply: FastifyReply): Promise<ResolvedServer | null> {
    const denial = await this.check(req);
    if (denial instanceof Denied) {
      this.deny(reply, denial);
      return null;
    }
    return denial;
  }

  private async check(req: TokenRequest): Promise<ResolvedServer | Denied> {
    if (!originAllowed(header(req, 'origin'), this.allowedOrigins))
      return new Denied(403, 'Forbidden: origin not allowed');
    const resolution = await this.registry.resolve(req.params.token);
    if (resolution.kind === 'unknown') return new Denied(404, 'Unknown MCP URL');
    if (resolution.kind === 'expired') return new Denied(401, 'This MCP URL has expired');
    const server = resolution.server;
    if (server.config.require_api_token_auth) {
      const token = bearerToken(req.headers);
      const principal = token ? await this.principals.fromApiToken(token) : null;
      if (!principal || principal.organizationId !== server.organizationId) {
        return new Denied(401, 'This MCP URL needs Authorization: Bearer <api token> of its organization', {
          'www-authenticate': 'Bearer realm="mcp", error="invalid_token"',
        });
      }
    }
    const problem = protocolVersionProblem(req.headers);
    if (problem) return new Denied(400, problem);
    return server;
  }

  private deny(reply: FastifyReply, denial: Denied): void {
    void reply
      .code(denial.status)
      .headers(denial.headers)
      .send(
        rpcError(
          null,
          denial.status === 404 || denial.status === 401 ? -32001 : ErrorCode.InvalidRequest,
          denial.message,
        ),
      );
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export type { ClientInfo };
