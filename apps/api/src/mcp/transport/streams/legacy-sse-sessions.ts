import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { covers, type ActivePause, type PausableServer } from '@gw/mcp-servers';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JsonRpcNotification, JsonRpcResponse } from '../../dispatch/json-rpc';
import type { ClientInfo } from '../../dispatch/session-id';
import { ActivePauses } from '../../../pauses/active-pauses.service';
import { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { Admitted } from '../../mcp-request';
import { pausedNotice } from './notification-streams';
import { StreamLifetime } from './stream-lifetime';

export interface LegacySession {
  id: string;
  serverId: string;
  client: ClientInfo | null;
  send(message: JsonRpcResponse | JsonRpcNotification): void;
}

/**
 * The 2024-11-05 HTTP+SSE transport: `GET /mcp/{token}/sse` opens a stream whose first event names the URL to
 * POST messages to; answers come back on the stream. A session lives in the process holding its stream, so
 * deployments with several api processes need sticky routing on `sessionId` for this older transport (Streamable
 * HTTP needs none). A session ends when its URL stops working (see `StreamLifetime`) or a pause stops its server.
 */
@Injectable()
export class LegacySseSessions implements OnModuleInit, OnApplicationShutdown {
  private readonly sessions = new Map<
    string,
    LegacySession & { res: ServerResponse; lifetime: StreamLifetime; server: PausableServer }
  >();

  constructor(
    private readonly registry: McpServerRegistry,
    private readonly pauses: ActivePauses,
  ) {}

  onModuleInit(): void {
    this.registry.events.on('changed', (ids: Set<string>) => {
      for (const session of this.sessions.values())
        if (ids.has(session.serverId)) void session.lifetime.recheck(this.registry);
    });
    this.pauses.events.on('paused', (pauses: ActivePause[]) => {
      for (const session of this.sessions.values()) {
        if (pauses.some((pause) => covers(pause, session.server))) this.endIfPaused(session);
      }
    });
  }

  /** Secret URLs only: sign-in servers serve Streamable HTTP, which every client that signs in speaks. */
  open(admitted: Admitted, token: string, res: ServerResponse): void {
    const serverId = admitted.server.id;
    const id = randomUUID();
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    res.write(`event: endpoint\ndata: /mcp/${token}/messages?sessionId=${id}\n\n`);
    const session = {
      id,
      serverId,
      server: admitted.server,
      client: null,
      res,
      lifetime: new StreamLifetime({ kind: 'secret_url', token }, res, admitted),
      send: (message: JsonRpcResponse | JsonRpcNotification) =>
        void res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`),
    };
    this.sessions.set(id, session);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(heartbeat);
      this.sessions.delete(id);
    });
    this.endIfPaused(session);
  }

  private endIfPaused(session: { res: ServerResponse; server: PausableServer }): void {
    const paused = this.pauses.refusalFor(session.server);
    if (paused && !session.res.writableEnded) session.res.end(pausedNotice(paused));
  }

  get(sessionId: string, serverId: string): LegacySession | undefined {
    const session = this.sessions.get(sessionId);
    return session && session.serverId === serverId ? session : undefined;
  }

  onApplicationShutdown(): void {
    for (const session of this.sessions.values()) session.res.end();
    this.sessions.clear();
  }
}
