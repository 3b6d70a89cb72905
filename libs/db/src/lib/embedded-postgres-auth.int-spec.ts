import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EMBEDDED_DB_FILE, readEmbeddedDatabaseInfo } from './database-location';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

describe('the embedded database on its loopback port', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-pglite-auth-'));
    // A file left world-readable by an older run must not keep that mode once it holds the password.
    writeFileSync(join(dir, EMBEDDED_DB_FILE), JSON.stringify({ url: 'x', pid: 999_999_999 }), {
      mode: 0o644,
    });
    embedded = await startEmbeddedPostgres(dir);
  }, 60_000);

  afterAll(async () => {
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connect(url: string): Promise<Client> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  function withPassword(password: string | null): string {
    const url = new URL(embedded.url);
    url.password = password ?? '';
    return url.toString();
  }

  it('refuses a client without the password, or with a wrong one, before it reaches a table', async () => {
    await expect(connect(withPassword(null))).rejects.toThrow();
    await expect(connect(withPassword('guess'))).rejects.toThrow(/password authentication failed/);
    const admitted = await connect(embedded.url);
    try {
      expect((await admitted.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await admitted.end();
    }
  });

  it('draws a new password at every start and hands it over only through a file only its owner can read', async () => {
    const info = readEmbeddedDatabaseInfo(dir);
    expect(info?.url).toBe(embedded.url);
    expect(new URL(embedded.url).password).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(join(dir, EMBEDDED_DB_FILE)).mode & 0o777).toBe(0o600);

    const before = embedded.url;
    await embedded.stop();
    embedded = await startEmbeddedPostgres(dir);
    expect(new URL(embedded.url).password).not.toBe(new URL(before).password);
    await expect(connect(withPassword(new URL(before).password))).rejects.toThrow(
      /password authentication failed/,
    );
  });

  it('keeps serving clients that pipeline several queries right after signing in', async () => {
    const clients = await Promise.all([0, 1, 2].map(() => connect(embedded.url)));
    try {
      const answers = await Promise.all(clients.map((client, k) => client.query('SELECT $1::int AS k', [k])));
      expect(answers.map((a) => a.rows[0].k)).toEqual([0, 1, 2]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
