import type { AuditRecord } from '@gw/audit-chain';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/** One audit event as a receiver got it: its seq, in the order of arrival. */
export interface Arrival {
  seq: number;
  hash: string;
}

/**
 * What a SIEM keeps of an at-least-once stream: the seq of every event in arrival order (repeats included), and
 * whether it is down (then it refuses: 503, or the connection dropped before anything is read).
 */
abstract class AuditReceiver {
  readonly arrivals: Arrival[] = [];
  /** The events as stored, first arrival of each seq kept: what the SIEM holds. */
  readonly stored = new Map<number, AuditRecord>();
  down = false;

  protected take(event: AuditRecord): void {
    this.arrivals.push({ seq: event.seq, hash: event.hash });
    if (!this.stored.has(event.seq)) this.stored.set(event.seq, event);
  }

  /** Seqs deduplicated, first arrival kept. */
  get seqs(): number[] {
    const seen = new Set<number>();
    return this.arrivals.flatMap(({ seq }) => (seen.has(seq) ? [] : (seen.add(seq), [seq])));
  }
}

/** An HTTP webhook receiver that keeps each batch's events, and checks nothing itself (the test checks). */
export class BatchReceiver extends AuditReceiver {
  readonly batches: { headers: Record<string, string>; body: string }[] = [];
  private server!: HttpServer;
  port = 0;

  static async start(): Promise<BatchReceiver> {
    const receiver = new BatchReceiver();
    receiver.server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (receiver.down) {
          res.writeHead(503).end();
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        receiver.batches.push({ headers: req.headers as Record<string, string>, body });
        receiver.takeBatch(req.url ?? '', body);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private takeBatch(path: string, body: string): void {
    const parsed = JSON.parse(body) as {
      items?: { type: string; event?: AuditRecord }[];
      resourceLogs?: {
        scopeLogs: {
          logRecords: {
            body: { stringValue: string };
            attributes: { key: string; value: { stringValue?: string } }[];
          }[];
        }[];
      }[];
    };
    const events =
      path === '/v1/logs'
        ? (parsed.resourceLogs ?? []).flatMap((r) =>
            r.scopeLogs.flatMap((s) =>
              s.logRecords
                .filter((l) =>
                  l.attributes.some((a) => a.key === 'gateway.audit.type' && a.value.stringValue === 'event'),
                )
                .map((l) => JSON.parse(l.body.stringValue) as AuditRecord),
            ),
          )
        : (parsed.items ?? []).flatMap((item) => (item.type === 'event' && item.event ? [item.event] : []));
    for (const event of events) this.take(event);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A syslog receiver over TCP or TLS that reads octet-counted RFC 5424 messages and closes its side at end of stream,
 * as rsyslog does; the messages of a connection count only once the stream ended cleanly.
 */
export class SyslogReceiver extends AuditReceiver {
  readonly messages: string[] = [];
  private server!: TcpServer;
  private readonly sockets = new Set<Socket>();
  port = 0;

  static async start(tls?: { key: string; cert: string }): Promise<SyslogReceiver> {
    const receiver = new SyslogReceiver();
    const onConnection = (socket: Socket) => receiver.connection(socket);
    receiver.server = tls ? createTlsServer(tls, onConnection) : createTcpServer(onConnection);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  private connection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.down) {
      // A receiver that is going away: the connection is reset, nothing is read.
      socket.resetAndDestroy();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      for (const message of unframe(Buffer.concat(chunks))) {
        this.messages.push(message);
        // MSG is the event's JSON, after the structured data element.
        if (message.includes(' AUDIT ['))
          this.take(JSON.parse(message.slice(message.indexOf('] {') + 2)) as AuditRecord);
      }
      socket.end();
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** RFC 6587 octet counting, read back. */
function unframe(stream: Buffer): string[] {
  const messages: string[] = [];
  let at = 0;
  while (at < stream.length) {
    const space = stream.indexOf(0x20, at);
    if (space < 0) throw new Error('a frame without its length');
    const length = Number(stream.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(length) || space + 1 + length > stream.length) throw new Error('a truncated frame');
    messages.push(stream.subarray(space + 1, space + 1 + length).toString('utf8'));
    at = space + 1 + length;
  }
  return messages;
}
