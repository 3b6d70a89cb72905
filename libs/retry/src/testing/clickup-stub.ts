import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StubRequest {
  method: string;
  /** Path without the query, e.g. `/api/v2/list/1/task`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** An answer, or `reset` to break the connection without one. */
export type StubAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'reset';

/**
 * A real HTTP server on an ephemeral port standing in for ClickUp in the retry layer's specs: each request is
 * answered by the test's route function and recorded.
 */
export class ClickUpStub {
  readonly requests: StubRequest[] = [];
  baseUrl = '';
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private route: (request: StubRequest) => StubAnswer) {}

  answer(route: (request: StubRequest) => StubAnswer): void {
    this.route = route;
  }

  sent(method: string, pattern: RegExp): StubRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const text = Buffer.concat(chunks).toString('utf8');
        const request = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        this.requests.push(request);
        const answer = this.route(request);
        if (answer === 'reset') return void req.socket.destroy();
        res
          .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
          .end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** ClickUp's rate-limit headers for a window of `limit` with `remaining` left, ending `resetInMs` from now. */
export function rateHeaders(limit: number, remaining: number, resetInMs = 60_000): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil((Date.now() + resetInMs) / 1000)),
  };
}

/** A task as ClickUp answers it, with the fields the client reads. */
export function taskBody(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    status: { status: 'to do', color: '#d3d3d3', type: 'open', orderindex: 0 },
    date_created: String(Date.now()),
    date_updated: String(Date.now()),
    creator: { id: 7, username: 'Agent', color: '#000', profilePicture: null },
    assignees: [],
    tags: [],
    list: { id: '1', name: 'List', access: true },
    folder: { id: '2', name: 'Folder', hidden: false, access: true },
    space: { id: '3' },
    team_id: '9',
    url: `https://app.clickup.com/t/${id}`,
    ...extra,
  };
}
