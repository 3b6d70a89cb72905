import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { covers, type ActivePause, type PausableServer } from '@gw/mcp-servers';
import type { ServerResponse } from 'node:http';
import { ActivePauses } from '../../../pauses/active-pauses.service';
import { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { Admitted, McpAddress } from '../../mcp-request';
import {
  ErrorCode,
  rpcError,
  type JsonRpcId,
  type JsonRpcNotification,
  type JsonRpcResponse,
} from '../../dispatch/json-rpc';
import type { Subscription } from '../../dispatch/mcp-dispatcher';
import { SUBSCRIPTION_ID_META } from '../../dispatch/modern-results';
import { StreamLifetime } from './stream-lifetime';

const HEARTBEAT_MS = 25_000;

interface OpenStream {
  res: ServerResponse;
  lifetime: StreamLifetime;
  /** What a pause is checked against. */
  server: PausableServer;
  /** The `subscriptions/listen` request a 2026-07-28 stream answers; null for a GET stream. */
  subscriptionId: JsonRpcId | null;
  /** The list-change notification this stream gets, or null when it did not ask for one. */
  listChanged: string | null;
  /** Sent before the gateway closes the stream itself (a 2026-07-28 subscription's graceful end). */
  closing: string | null;
}

const frame = (message: JsonRpcNotification | JsonRpcResponse) =>
  `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/** The last message of a stream closed for a pause: a log message clients show (a GET stream has no request). */
export const pausedNotice = (message: string) =>
  frame({
    jsonrpc: '2.0',
    method: 'notifications/message',
    params: { level: 'error', logger: 'gateway', data: message },
  });

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
 * one whose URL was revoked, rotated away or expired is closed, and so is one whose server a pause stops (a
 * subscription gets an error answer naming the pause, a GET stream a log message).
 */
@Injectable()
export class NotificationStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly streams = new Map<string, Set<OpenStream>>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly registry: McpServerRegistry,
    private readonly pauses: ActivePauses,
  ) {}

  onModuleInit(): void {
    this.registry.events.on('changed', (ids: Set<string>) => {
      for (const id of ids) this.recheck(id);
    });
    this.pauses.events.on('paused', (pauses: ActivePause[]) => this.closePaused(pauses));
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
      subscriptionId: null,
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
      subscriptionId: subscription.id,
    });
  }

  count(serverId: string): number {
    return this.streams.get(serverId)?.size ?? 0;
  }

  private add(
    admitted: Admitted,
    address: McpAddress,
    res: ServerResponse,
    stream: Pick<OpenStream, 'listChanged' | 'closing' | 'subscriptionId'>,
  ): void {
    const server = admitted.server;
    let set = this.streams.get(server.id);
    if (!set) this.streams.set(server.id, (set = new Set()));
    const open = { ...stream, res, server, lifetime: new StreamLifetime(address, res, admitted) };
    set.add(open);
    res.on('close', () => {
      set?.delete(open);
      if (set?.size === 0) this.streams.delete(server.id);
    });
    // A pause seen between admission and here: the stream ends at once rather than at the next pause.
    const paused = this.pauses.refusalFor(server);
    if (paused) this.endPaused(open, paused);
  }

  private closePaused(pauses: ActivePause[]): void {
    for (const set of this.streams.values()) {
      for (const open of set) {
        if (!pauses.some((pause) => covers(pause, open.server))) continue;
        const paused = this.pauses.refusalFor(open.server);
        if (paused) this.endPaused(open, paused);
      }
    }
  }

  private endPaused({ res, subscriptionId }: OpenStream, message: string): void {
    if (res.writableEnded) return;
    res.end(
      subscriptionId === null
        ? pausedNotice(message)
        : frame(rpcError(subscriptionId, ErrorCode.InvalidRequest, message)),
    );
  }

  private recheck(serverId: string): void {
    for (const { res, lifetime, listChanged } of this.streams.get(serverId) ?? []) {
      void lifetime
        .recheck(this.registry)
        .then((open) => open && listChanged !== null && res.write(listChanged));
    }
  }
}
