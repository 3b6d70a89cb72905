import { MIGRATIONS } from '@gw/db';
import { cutOffDatabase, restoreDatabase, waitFor } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN, Stack, STACK_MODES } from '../support/stack';

const json = async (res: Response) => ({
  status: res.status,
  body: (await res.json()) as Record<string, unknown>,
});

describe.each(STACK_MODES)('the api and worker on %s', (mode) => {
  const stack = new Stack(mode);

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  const withDb = async <T>(work: (db: Client) => Promise<T>): Promise<T> => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  };

  it('is ready, naming its database and queue backend', async () => {
    const { status, body } = await json(await fetch(`${stack.baseUrl}/readyz`));
    expect(status).toBe(200);
    expect(body['details']).toEqual({
      database: { status: 'up' },
      queue: { status: 'up', backend: mode === 'postgres+redis' ? 'redis' : 'postgres' },
    });
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
  });

  it('creates the owner from ADMIN_EMAIL/ADMIN_PASSWORD and registers ADMIN_API_TOKEN, logging neither secret', async () => {
    const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie().join(';')).toMatch(/gw_session=[^;]+;.*HttpOnly/i);

    const me = await json(
      await fetch(`${stack.baseUrl}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${ADMIN.apiToken}` },
      }),
    );
    expect(me.status).toBe(200);
    expect(me.body['user']).toMatchObject({ email: ADMIN.email, role: 'owner' });

    expect(stack.api.text()).toContain(`first start: owner ${ADMIN.email} created`);
    expect(stack.api.text()).not.toContain(ADMIN.password);
    expect(stack.api.text()).not.toContain(ADMIN.apiToken);
  });

  it('runs the session clean-up job enqueued through the api in the worker, retrying a failed attempt', async () => {
    const me = await json(
      await fetch(`${stack.baseUrl}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${ADMIN.apiToken}` },
      }),
    );
    const userId = (me.body['user'] as { id: string }).id;
    const expiredIds = [randomUUID(), randomUUID(), randomUUID()];
    const liveId = randomUUID();
    await withDb(async (db) => {
      for (const id of [...expiredIds, liveId]) {
        const expires = id === liveId ? "now() + interval '1 day'" : "now() - interval '1 minute'";
        await db.query(
          `INSERT INTO sessions (id, user_id, token_hash, csrf_token_hash, expires_at) VALUES ($1, $2, $3, 'x', ${expires})`,
          [id, userId, `hash-${id}`],
        );
      }
    });

    // On a real server, hold the sessions table locked past the job's 5 s deadline so its first attempt fails.
    // The embedded database runs one statement at a time for everyone, so a lock there would stall the api too.
    const blocker = mode === 'embedded' ? undefined : new Client({ connectionString: stack.databaseUrl });
    if (blocker) {
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
    }
    const enqueued = await json(
      await fetch(`${stack.baseUrl}/api/v1/maintenance/session-cleanup`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN.apiToken}` },
      }),
    );
    expect(enqueued.status).toBe(202);
    const jobId = enqueued.body['job_id'] as string;
    if (blocker) {
      await waitFor(
        async () => {
          const job = await json(
            await fetch(`${stack.baseUrl}/api/v1/maintenance/jobs/${jobId}`, {
              headers: { authorization: `Bearer ${ADMIN.apiToken}` },
            }),
          );
          return (job.body['attempts_made'] as number) >= 1;
        },
        { timeoutMs: 30_000, what: 'the first attempt to fail' },
      );
      await blocker.query('ROLLBACK');
      await blocker.end();
    }

    const done = await waitFor(
      async () => {
        const job = await json(
          await fetch(`${stack.baseUrl}/api/v1/maintenance/jobs/${jobId}`, {
            headers: { authorization: `Bearer ${ADMIN.apiToken}` },
          }),
        );
        return job.body['state'] === 'completed' ? job.body : undefined;
      },
      { timeoutMs: 30_000, what: 'the job to complete' },
    );
    expect(done['result']).toEqual({ deleted: 3, reset_links_deleted: 0, oauth_records_deleted: 0 });
    expect(done['attempts_made']).toBe(blocker ? 2 : 1);
    const left = await withDb((db) =>
      db.query('SELECT id FROM sessions WHERE id = ANY($1)', [[...expiredIds, liveId]]),
    );
    expect(left.rows.map((r: { id: string }) => r.id)).toEqual([liveId]);
  }, 60_000);

  it('restarts on the same data without a second owner or migration', async () => {
    await stack.api.stop();
    const restarted = await stack.startApi();
    expect(restarted.text()).not.toContain('first start');
    const counts = await withDb(async (db) => ({
      users: (await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n,
      migrations: (await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n,
      organizations: (await db.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n,
    }));
    expect(counts).toEqual({ users: 1, migrations: MIGRATIONS.length, organizations: 1 });
  }, 60_000);

  if (mode === 'embedded') {
    it('runs PGlite in a process of its own that closes when the api is killed, and reopens on restart', async () => {
      const dbPid = stack.embeddedDatabasePid as number;
      expect(dbPid).toBeGreaterThan(0);
      expect(dbPid).not.toBe(stack.api.pid);
      expect(stack.api.text()).toContain(`process ${dbPid}`);
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      expect(alive(dbPid)).toBe(true);

      await stack.api.stop('SIGKILL');
      await waitFor(() => !alive(dbPid), { what: 'the embedded database process to close' });

      await stack.startApi();
      expect(stack.embeddedDatabasePid).not.toBe(dbPid);
      const users = await withDb(
        async (db) => (await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n,
      );
      expect(users).toBe(1);
      expect((await fetch(`${stack.baseUrl}/readyz`)).status).toBe(200);
    }, 60_000);

    it('stops the api, saying why, when its database process dies under it', async () => {
      const api = stack.api;
      process.kill(stack.embeddedDatabasePid as number, 'SIGKILL');
      expect(await api.exited()).toBe(1);
      expect(api.text()).toContain('api: the embedded database process was killed by SIGKILL; stopping');
      await stack.startApi();
      expect((await fetch(`${stack.baseUrl}/readyz`)).status).toBe(200);
    }, 60_000);
  }

  if (mode !== 'embedded') {
    it('reports not ready while the database is gone, and ready again when it is back', async () => {
      await cutOffDatabase(stack.databaseName as string);
      try {
        const down = await waitFor(
          async () => {
            const res = await json(await fetch(`${stack.baseUrl}/readyz`));
            return res.status === 503 ? res.body : undefined;
          },
          { what: '/readyz to answer 503' },
        );
        expect((down['error'] as Record<string, unknown>)['database']).toMatchObject({ status: 'down' });
      } finally {
        await restoreDatabase(stack.databaseName as string);
      }
      let last: unknown;
      await waitFor(
        async () => {
          const res = await json(await fetch(`${stack.baseUrl}/readyz`));
          last = res.body;
          return res.status === 200;
        },
        { what: '/readyz to recover' },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last answer: ${JSON.stringify(last)}`);
      });
    }, 60_000);
  }
});
