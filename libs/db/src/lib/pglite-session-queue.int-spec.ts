import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

describe('the embedded database shared by several socket clients', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;
  let clients: Client[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-pglite-queue-'));
    embedded = await startEmbeddedPostgres(dir);
    clients = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const client = new Client({ connectionString: embedded.url });
        await client.connect();
        return client;
      }),
    );
    await clients[0].query('CREATE TABLE queue_probe (id serial PRIMARY KEY, v int NOT NULL)');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every client its own answers while others run transactions and parameterised queries', async () => {
    const wrong: unknown[] = [];
    await Promise.all(
      clients.map(async (client, k) => {
        for (let i = 0; i < 60; i++) {
          if (k < 2) {
            await client.query('BEGIN');
            const { rows } = await client.query('SELECT $1::int AS w', [i]);
            if (rows[0]?.w !== i) wrong.push({ k, i, rows });
            await client.query('INSERT INTO queue_probe (v) VALUES ($1)', [i]);
            await client.query('COMMIT');
          } else {
            const v = k * 1000 + i;
            const { rows } = await client.query('SELECT $1::int AS v, $2::text AS who', [v, `c${k}`]);
            if (rows[0]?.v !== v || rows[0]?.who !== `c${k}`) wrong.push({ k, v, rows });
          }
        }
      }),
    );
    expect(wrong).toEqual([]);
    const { rows } = await clients[0].query('SELECT count(*)::int AS n FROM queue_probe');
    expect(rows[0].n).toBe(120);
  }, 60_000);

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const leaving = new Client({ connectionString: embedded.url });
    await leaving.connect();
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO queue_probe (v) VALUES (-1)');
    await leaving.end();
    const { rows } = await clients[2].query('SELECT count(*)::int AS n FROM queue_probe WHERE v = -1');
    expect(rows[0].n).toBe(0);
  });
});

/**
 * A client may ask for a batch's answers before its Sync (Flush, as cursors do) and wait for them: the session
 * queue, which holds a batch's answers until it ends, must send them then.
 */
describe('the embedded database answering a Flush mid-batch', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-pglite-flush-'));
    embedded = await startEmbeddedPostgres(dir);
  }, 60_000);

  afterAll(async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the rows of an Execute followed by Flush before the client syncs', async () => {
    const url = new URL(embedded.url);
    const wire = new WireClient(await openSocket(Number(url.port)));
    wire.send(startupMessage('postgres', 'postgres'));
    expect((await wire.next()).type).toBe('R');
    wire.send(message('p', cString(decodeURIComponent(url.password))));
    await wire.until('Z');

    wire.send(
      message('P', Buffer.concat([cString(''), cString('SELECT 42 AS answer'), int16(0)])),
      message('B', Buffer.concat([cString(''), cString(''), int16(0), int16(0), int16(0)])),
      message('E', Buffer.concat([cString(''), int32(0)])),
      message('H', Buffer.alloc(0)),
    );
    const answered = await wire.until('C');
    expect(answered.map((m) => m.type)).toEqual(['1', '2', 'D', 'C']);
    expect(answered[2].body.subarray(6).toString()).toBe('42');

    wire.send(message('S', Buffer.alloc(0)));
    expect((await wire.until('Z')).map((m) => m.type)).toEqual(['Z']);
    wire.close();
  });
});

interface WireMessage {
  type: string;
  body: Buffer;
}

/** The frontend side of the PostgreSQL wire protocol, just enough to send a batch message by message. */
class WireClient {
  private buffered = Buffer.alloc(0);
  private waiting?: () => void;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  async next(): Promise<WireMessage> {
    while (this.buffered.length < 5 || this.buffered.length < 1 + this.buffered.readInt32BE(1)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer from the database')), 5000);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const length = this.buffered.readInt32BE(1);
    const next = { type: String.fromCharCode(this.buffered[0]), body: this.buffered.subarray(5, 1 + length) };
    this.buffered = this.buffered.subarray(1 + length);
    return next;
  }

  /** Messages up to and including the first of `type`, skipping notices and parameter reports. */
  async until(type: string): Promise<WireMessage[]> {
    const seen: WireMessage[] = [];
    for (;;) {
      const next = await this.next();
      if (next.type === 'E') throw new Error(`the database refused: ${next.body.toString()}`);
      if (next.type !== 'N' && next.type !== 'S' && next.type !== 'K') seen.push(next);
      if (next.type === type) return seen;
    }
  }

  close(): void {
    this.socket.end(message('X', Buffer.alloc(0)));
  }
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

const cString = (text: string) => Buffer.from(`${text}\0`, 'utf8');
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
const message = (type: string, body: Buffer) =>
  Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
function startupMessage(user: string, database: string): Buffer {
  const body = Buffer.concat([
    int32(196608),
    cString('user'),
    cString(user),
    cString('database'),
    cString(database),
    Buffer.from([0]),
  ]);
  return Buffer.concat([int32(body.length + 4), body]);
}
