import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { ServedServer } from '@gw/mcp-servers';
import { StreamLifetime } from './stream-lifetime';

const HEARTBEAT_MS = 25_000;

interface OpenStream {
  res: ServerResponse;
  lifetime: StreamLifetime;
}

/**
 * Open server-to-client streams (`GET /mcp/{token}`), per MCP server, in this process. When the registry sees a
 * server change, a stream whose URL still works gets `notifications/tools/list_changed` (the client lists tools
 * again); one whose URL was revoked, rotated away or expired is closed.
 */
@Injectable()
export class NotificationStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly streams = new Map<string, Set<OpenStream>>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly registry: McpServerRegistry) {}

  onModuleInit(): void {
    this.registry.events.on('changed', (ids: Set<string>) => {
      for (const id of ids) this.recheck(id);
    });
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const { res } of set) res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const set of this.streams.values()) for (const { res } of set) res.end();
    this.streams.clear();
  }

  open(server: ServedServer, token: string, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.write(': stream open\n\n');
    let set = this.streams.get(server.id);
    if (!set) this.streams.set(server.id, (set = new Set()));
    const stream = { res, lifetime: new StreamLifetime(token, res, server) };
    set.add(stream);
    res.on('close', () => {
      set?.delete(stream);
      if (set?.size === 0) this.streams.delete(server.id);
    });
  }

  count(serverId: string): number {
    return this.streams.get(serverId)?.size ?? 0;
  }

  private recheck(serverId: string): void {
    const frame = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n`;
    for (const { res, lifetime } of this.streams.get(serverId) ?? []) {
      void lifetime.recheck(this.registry).then((open) => open && res.write(frame));
    }
  }
}
