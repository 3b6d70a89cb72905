import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait-for';

/** A request the receiver got, with its body exactly as sent (a signature is computed over these bytes). */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How the receiver answers one request. `hang`: never answer (until the receiver closes). */
export interface ReceiverAnswer {
  status: number;
  reason?: string;
  headers?: Record<string, string>;
  body?: string;
  hang?: boolean;
}

/**
 * A webhook receiver on loopback for tests: answers with the scripted answers in order, then with `fallback`
 * (200 unless told otherwise), and records every request.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly script: ReceiverAnswer[] = [];
  private fallback: ReceiverAnswer = { status: 200 };
  private readonly hanging = new Set<ServerResponse>();

  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.handle(req.method ?? '', req.url ?? '', req.headers, chunks, res));
  });
  port = 0;

  /** A new receiver, listening on a free loopback port. */
  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The next requests get these answers, in order. */
  answer(...answers: ReceiverAnswer[]): this {
    this.script.push(...answers);
    return this;
  }

  /** Every request after the scripted ones gets this answer. */
  always(answer: ReceiverAnswer): this {
    this.fallback = answer;
    return this;
  }

  /** Forgets what it received and was told to answer; answers 200 again. */
  reset(): this {
    this.received.length = 0;
    this.script.length = 0;
    this.fallback = { status: 200 };
    return this;
  }

  /** Resolves with the requests once `count` were received on `path` (any path when omitted). */
  async waitForRequests(count: number, path?: string, timeoutMs = 30_000): Promise<ReceivedRequest[]> {
    return waitFor(
      () => {
        const seen = this.received.filter((r) => path === undefined || r.path === path);
        return seen.length >= count ? seen : undefined;
      },
      { timeoutMs, what: `${count} webhook requests${path ? ` on ${path}` : ''}` },
    );
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
    res: ServerResponse,
  ): void {
    this.received.push({
      method,
      path,
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    });
    const answer = this.script.shift() ?? this.fallback;
    if (answer.hang) {
      this.hanging.add(res);
      return;
    }
    if (answer.reason === undefined) res.writeHead(answer.status, answer.headers ?? {});
    else res.writeHead(answer.status, answer.reason, answer.headers ?? {});
    res.end(answer.body ?? '');
  }
}
