import type { FastifyReply } from 'fastify';
import { classify, type JsonRpcNotification, type JsonRpcResponse } from '../../dispatch/json-rpc';

export type ProgressToken = string | number;

/** `params._meta.progressToken` of a request, when the client asked for progress notifications. */
export function progressTokenOf(params: Record<string, unknown> | undefined): ProgressToken | undefined {
  const meta = params?.['_meta'];
  if (meta === null || typeof meta !== 'object') return undefined;
  const token = (meta as Record<string, unknown>)['progressToken'];
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/** The progress token of a body that is one `tools/call` request (only such a call may wait for ClickUp). */
export function callProgressToken(body: unknown): ProgressToken | undefined {
  if (Array.isArray(body)) return undefined;
  const message = classify(body);
  return message.kind === 'request' && message.message.method === 'tools/call'
    ? progressTokenOf(message.message.params)
    : undefined;
}

/** A `notifications/progress` message; `progress` must grow with each one, so it is the elapsed time in ms. */
export function progressNotification(
  token: ProgressToken,
  progress: number,
  totalMs: number,
  message: string,
): JsonRpcNotification {
  return {
    jsonrpc: '2.0',
    method: 'notifications/progress',
    params: { progressToken: token, progress, total: totalMs, message },
  };
}

/** Progress values for one request: elapsed ms, strictly increasing. */
export class ProgressClock {
  private last = 0;
  private readonly started = performance.now();

  next(): number {
    this.last = Math.max(this.last + 1, Math.round(performance.now() - this.started));
    return this.last;
  }
}

/**
 * The answer to one POSTed `tools/call` whose client gave a progress token. It stays plain JSON unless the call has
 * to wait; then it turns into a `text/event-stream` (which Streamable HTTP allows for any POST) carrying progress
 * notifications and, last, the response.
 */
export class ProgressReply {
  private streaming = false;
  private readonly clock = new ProgressClock();

  constructor(
    private readonly reply: FastifyReply,
    private readonly token: ProgressToken,
    private readonly totalMs: number,
  ) {}

  get started(): boolean {
    return this.streaming;
  }

  readonly notify = (message: string): void => {
    const res = this.reply.raw;
    if (!this.streaming) {
      this.streaming = true;
      this.reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(this.reply.request.id),
      });
    }
    this.write(progressNotification(this.token, this.clock.next(), this.totalMs, message));
  };

  /** Sends the response as the stream's last event and closes it. */
  finish(response: JsonRpcResponse): void {
    this.write(response);
    this.reply.raw.end();
  }

  private write(message: JsonRpcNotification | JsonRpcResponse): void {
    const res = this.reply.raw;
    if (!res.destroyed && !res.writableEnded)
      res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
}
