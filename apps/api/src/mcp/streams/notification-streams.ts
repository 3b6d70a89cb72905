import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { McpServerRegistry } from '../registry/mcp-server-registry.service';

const HEARTBEAT_MS = 25_000;

/**
 * Open server-to-client streams (`GET /mcp/{token}`), per MCP server, in this process. When the registry sees a
 * server change, its streams get `notifications/tools/list_changed` and the client lists tools again.
 */
@Injectable()
export class NotificationStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly registry: McpServerRegistry) {}

  onModuleInit(): void {
    this.registry.events.on('changed', (ids: Set<string>) => {
      for (const id of ids)
        this.broadcast(id, { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    });
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const res of set) res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }

  open(serverId: string, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.write(': stream open\n\n');
    let set = this.streams.get(serverId);
    if (!set) this.streams.set(serverId, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set?.delete(res);
      if (set?.size === 0) this.streams.delete(serverId);
    });
  }

  count(serverId: string): number {
    return this.streams.get(serverId)?.size ?? 0;
  }

  private broadcast(serverId: string, message: unknown): void {
    const set = this.streams.get(serverId);
    if (!set) return;
    const frame = `event: message\ndata: ${JSON.stringify(message)}\n\n`;
    for (const res of set) res.write(frame);
  }
}
