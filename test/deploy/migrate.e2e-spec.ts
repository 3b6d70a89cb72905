import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@gw/testing';

// The migration entrypoint the Kubernetes Job runs (deploy/kubernetes/overlays/production/migrate-job.yaml), run
// the same way: the compiled file with the alias hook, the database URL read from a mounted secret file.

const MIGRATE = join(REPO_ROOT, 'dist/server/apps/api/src/migrate.js');

function migrate(env: Record<string, string>) {
  if (!existsSync(MIGRATE)) throw new Error(`${MIGRATE} is missing: run \`npm run build -- --server\` first`);
  const result = spawnSync(
    process.execPath,
    ['-r', join(REPO_ROOT, 'scripts/register-aliases.cjs'), MIGRATE],
    { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

describe('the migrate entrypoint', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('migrate');
    dir = mkdtempSync(join(tmpdir(), 'migrate-secret-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates an empty database from DATABASE_URL_FILE, then finds nothing to do', async () => {
    const secret = join(dir, 'DATABASE_URL');
    writeFileSync(secret, `${db.url}\n`, { mode: 0o400 });

    const first = migrate({ DATABASE_URL_FILE: secret });
    expect(first).toEqual({ status: 0, out: expect.stringMatching(/^migrate: applied \S+/) });

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM schema_migrations');
      expect(Number(rows[0].count)).toBe(first.out.replace('migrate: applied ', '').split(', ').length);
    } finally {
      await client.end();
    }

    expect(migrate({ DATABASE_URL_FILE: secret })).toEqual({ status: 0, out: 'migrate: schema up to date' });
  });

  it('refuses to run without DATABASE_URL, and names an unreadable secret file', () => {
    expect(migrate({})).toEqual({
      status: 1,
      out: 'migrate failed: DATABASE_URL is unset: the embedded database is migrated by the api when it starts',
    });
    const missing = join(dir, 'absent');
    expect(migrate({ DATABASE_URL_FILE: missing })).toEqual({
      status: 1,
      out: `config error: DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`,
    });
  });
});
