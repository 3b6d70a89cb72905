import { mkdtempSync, rmSync } from 'node:fs';
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
