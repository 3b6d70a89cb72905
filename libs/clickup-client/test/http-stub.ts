import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Which TCP connection carried the request (1, 2, ...), to see keep-alive reuse. */
  connection: number;
}

export type StubHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface HttpStub {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Sets how the next requests are answered. */
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 and an ephemeral port, standing in for ClickUp. */
export async function startHttpStub(): Promise<HttpStub> {
  const requests: RecordedRequest[] = [];
  const connections = new WeakMap<Socket, number>();
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  let handler: StubHandler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        connection: connections.get(req.socket) ?? 0,
      });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    connections.set(socket, ++connectionCount);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with optional headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): StubHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
}
