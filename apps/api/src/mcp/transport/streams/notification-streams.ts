import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { Admitted, McpAddress } from '../../mcp-request';
import type { JsonRpcNotification, JsonRpcResponse } from '../../dispatch/json-rpc';
import type { Subscription } from '../../dispatch/mcp-dispatcher';
import { SUBSCRIPTION_ID_META } from '../../dispatch/modern-results';
import { StreamLifetime } from './stream-lifetime';

const HEARTBEAT_MS = 25_000;

interface OpenStream {
  res: ServerResponse;
  lifetime: StreamLifetime;
  /** The list-change notification this stream gets, or null when it did not ask for one. */
  listChanged: string | null;
  /** Sent before the gateway closes the stream itself (a 2026-07-28 subscription's graceful end). */
  closing: string | null;
}

const frame = (message: JsonRpcNotification | JsonRpcResponse) =>
  `event: message\ndata: ${JSON.stringify(message)}\n\n`;

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * Open server-to-client streams per MCP server, in this process: GET on an MCP URL (2025-11-25 and earlier) and
 * `subscriptions/listen` (2026-07-28, whose notifications carry its request id). When the registry sees a server
 * change, a stream whose URL still works gets `notifications/tools/list_changed` (the client lists tools again);
 * one whose URL was revoked, rotated away or expired is closed.
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
    for (const set of this.streams.values()) {
      for (const { res, closing } of set) {
        if (closing) res.write(closing);
        res.end();
      }
    }
    this.streams.clear();
  }

  /** A 2025-era GET stream on an MCP URL: every list change, untagged. */
  open(admitted: Admitted, address: McpAddress, res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    res.write(': stream open\n\n');
    this.add(admitted, address, res, {
      listChanged: frame({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }),
      closing: null,
    });
  }

  /**
   * A 2026-07-28 `subscriptions/listen` stream: acknowledged first with the notification types agreed to, then
   * only those, each tagged with the subscription's id; `closing` (the listen request's result) ends it gracefully.
   */
  subscribe(
    admitted: Admitted,
    address: McpAddress,
    res: ServerResponse,
    subscription: Subscription,
    closing: JsonRpcResponse,
  ): void {
    const meta = { [SUBSCRIPTION_ID_META]: subscription.id };
    res.writeHead(200, SSE_HEADERS);
    res.write(
      frame({
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: { _meta: meta, notifications: subscription.notifications },
      }),
    );
    this.add(admitted, address, res, {
      listChanged: subscription.notifications.toolsListChanged
        ? frame({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: meta } })
        : null,
      closing: frame(closing),
    });
  }

  count(serverId: string): number {
    return this.streams.get(serverId)?.size ?? 0;
  }

  private add(
    admitted: Admitted,
    address: McpAddress,
    res: ServerResponse,
    stream: Pick<OpenStream, 'listChanged' | 'closing'>,
  ): void {
    const server = admitted.server;
    let set = this.streams.get(server.id);
    if (!set) this.streams.set(server.id, (set = new Set()));
    const open = { ...stream, res, lifetime: new StreamLifetime(address, res, admitted) };
    set.add(open);
    res.on('close', () => {
      set?.delete(open);
      if (set?.size === 0) this.streams.delete(server.id);
    });
  }

  private recheck(serverId: string): void {
    for (const { res, lifetime, listChanged } of this.streams.get(serverId) ?? []) {
      void lifetime
        .recheck(this.registry)
        .then((open) => open && listChanged !== null && res.write(listChanged));
    }
  }
}
