import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PgliteSessionQueue } from './pglite-session-queue';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** A startup or password message longer than this is not from a PostgreSQL client. */
const MAX_HANDSHAKE_BYTES = 16_384;

export interface PasswordSocketServerOptions {
  db: PGlite;
  host: string;
  port: number;
  password: string;
  maxConnections: number;
}

/**
 * Serves PGlite to `pg` clients on a TCP port, asking each for a password before PGlite sees its startup message.
 * pglite-socket (0.2.17) has no authentication of its own: any local process could otherwise connect and rewrite
 * users and the audit chain. The password is exchanged in clear text (PostgreSQL's `password` method): the port is
 * on loopback, where reading another process's traffic takes the same privileges as reading the info file.
 */
export class PasswordSocketServer {
  private readonly server: Server;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly queue: PgliteSessionQueue;
  private readonly expected: Buffer;

  constructor(private readonly options: PasswordSocketServerOptions) {
    this.queue = new PgliteSessionQueue(options.db);
    this.expected = digest(options.password);
    this.server = createServer((socket) => void this.admit(socket));
    this.server.maxConnections = options.maxConnections;
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.handlers].map((handler) => handler.detach(true)));
    this.handlers.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async admit(socket: Socket): Promise<void> {
    socket.setNoDelay(true);
    const timer = setTimeout(() => socket.destroy(), HANDSHAKE_TIMEOUT_MS);
    try {
      const handshake = await this.handshake(socket);
      if (!handshake) return;
      // PGlite answers the startup message itself (AuthenticationOk, parameters, ReadyForQuery), as if it had
      // been sent just now; whatever the client pipelined after its password follows it.
      socket.unshift(Buffer.concat([handshake.startup, handshake.rest]));
      const handler = new PGLiteSocketHandler({
        // Same contract as pglite-socket's own queue (see PgliteSessionQueue).
        queryQueue: this.queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
        closeOnDetach: true,
      });
      this.handlers.add(handler);
      const forget = () => this.handlers.delete(handler);
      handler.addEventListener('close', forget);
      handler.addEventListener('error', forget);
      await handler.attach(socket);
      socket.resume();
    } catch {
      socket.destroy();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the startup message and the password; answers and closes the socket when they do not pass. */
  private async handshake(socket: Socket): Promise<{ startup: Buffer; rest: Buffer } | null> {
    const reader = new MessageReader(socket);
    for (;;) {
      const length = (await reader.peek(4)).readInt32BE(0);
      if (length < 8 || length > MAX_HANDSHAKE_BYTES)
        return refuse(socket, '08P01', 'invalid startup packet');
      const packet = await reader.take(length);
      const code = packet.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        socket.write('N');
        continue;
      }
      if (code === CANCEL_REQUEST) {
        socket.end();
        return null;
      }
      if (code !== PROTOCOL_3) return refuse(socket, '08P01', 'unsupported frontend protocol');
      socket.write(authenticationCleartextPassword());
      const head = await reader.take(5);
      const size = head.readInt32BE(1);
      if (head[0] !== 0x70 || size < 5 || size > MAX_HANDSHAKE_BYTES) {
        return refuse(socket, '08P01', 'expected a password message');
      }
      const body = await reader.take(size - 4);
      const given = body.subarray(0, Math.max(0, body.indexOf(0))).toString('utf8');
      if (!timingSafeEqual(digest(given), this.expected)) {
        return refuse(socket, '28P01', 'password authentication failed');
      }
      return { startup: packet, rest: reader.drain() };
    }
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function authenticationCleartextPassword(): Buffer {
  const message = Buffer.alloc(9);
  message.write('R', 0);
  message.writeInt32BE(8, 1);
  message.writeInt32BE(3, 5);
  return message;
}

function refuse(socket: Socket, sqlState: string, text: string): null {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${text}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  socket.end(Buffer.concat([header, fields]));
  return null;
}

/** Exact-length reads from a socket that is not yet handed to PGlite. */
class MessageReader {
  private buffered = Buffer.alloc(0);
  private waiting?: () => void;
  private ended = false;
  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.waiting?.();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.waiting?.();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onEnd);
  }

  async peek(n: number): Promise<Buffer> {
    while (this.buffered.length < n) {
      if (this.ended) throw new Error('the client closed the connection during the handshake');
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
    return this.buffered.subarray(0, n);
  }

  async take(n: number): Promise<Buffer> {
    const bytes = Buffer.from(await this.peek(n));
    this.buffered = this.buffered.subarray(n);
    return bytes;
  }

  /** Stops reading and returns what arrived beyond the handshake. */
  drain(): Buffer {
    this.socket.pause();
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onEnd);
    return this.buffered;
  }
}
