// The sandbox, the api (and the worker when the retry queue is needed) on one storage mode, provisioned through the
// REST API the way an admin script would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, startApp } from './processes.mjs';

export const ADMIN_API_TOKEN = `bench-${randomBytes(16).toString('hex')}`;
export const SANDBOX_TOKEN = 'pk_sandbox_owner';

export async function startSandbox({ latencyMs, perMinute = 1_000_000 }) {
  const port = await freePort();
  const proc = startApp('clickup-sandbox', 'sandbox', {
    SANDBOX_PORT: String(port),
    SANDBOX_LATENCY_MS: String(latencyMs),
    SANDBOX_RATE_LIMIT_PER_MINUTE: String(perMinute),
  });
  await proc.waitFor(/ClickUp sandbox listening/);
  const url = `http://127.0.0.1:${port}`;
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const api = async (path, init = {}) => {
    const res = await fetch(`${url}/api/v2${path}`, {
      ...init,
      headers: { authorization: SANDBOX_TOKEN, 'content-type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return { proc, url, control, api };
}

/** What the api wrote about its embedded database in DATA_DIR (libs/db database-location.ts). */
const embeddedInfo = (dataDir) => JSON.parse(readFileSync(join(dataDir, 'embedded-db.json'), 'utf8'));

/**
 * Where the api keeps its data: embedded PGlite in a fresh DATA_DIR, or a fresh database on the PostgreSQL server
 * of DATABASE_URL (never the configured database itself) with a unique queue prefix on REDIS_URL.
 */
export async function createStorage(mode) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  if (mode === 'embedded') {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' };
    return {
      mode,
      env,
      databaseUrl: () => embeddedInfo(dataDir).url,
      // PGlite runs in a child process of the api (libs/db embedded-postgres.main); its info file names it.
      databasePid: () => embeddedInfo(dataDir).pid,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.DATABASE_URL;
  const name = `gw_bench_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    REDIS_URL: process.env.REDIS_URL ?? '',
    QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
  };
  return {
    mode,
    env,
    databaseUrl: () => env.DATABASE_URL,
    databasePid: () => null,
    drop: async () => {
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withClient(connectionString, work) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startApi({ storage, sandboxUrl, port, label = 'api', env = {}, nodeArgs = [] }) {
  const proc = startApp(
    'api',
    label,
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL: 'bench@example.com',
      ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
      ADMIN_API_TOKEN,
      CLICKUP_API_BASE_URL: sandboxUrl,
      CLICKUP_APP_URL: sandboxUrl,
      ...storage.env,
      ...env,
    },
    { nodeArgs },
  );
  const readyMs = await proc.waitFor(/^api listening on/);
  return { proc, readyMs, baseUrl: `http://127.0.0.1:${port}` };
}

export async function startWorker({ storage, sandboxUrl, port, env = {} }) {
  const proc = startApp('worker', 'worker', {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CLICKUP_API_BASE_URL: sandboxUrl,
    ...storage.env,
    ...env,
  });
  await proc.waitFor(/^worker processing jobs/);
  return proc;
}

export async function rest(baseUrl, method, path, body) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_API_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return parsed;
}

/** A connection to the sandbox by personal token and one MCP server with every tool. */
export async function provision(baseUrl, workspaceId) {
  const connection = await rest(baseUrl, 'POST', '/connections', {
    name: 'Sandbox workspace',
    type: 'personal_token',
    token: SANDBOX_TOKEN,
  });
  const server = await rest(baseUrl, 'POST', `/connections/${connection.id}/mcp-servers`, {
    name: 'bench',
    workspace_id: workspaceId,
    config: { methods: [], tags: [] },
  });
  return { connectionId: connection.id, serverId: server.id, mcpUrl: server.url };
}

/** Rows of the audit log, counted in the database itself (the REST API pages them 100 at a time). */
export async function auditCounts(storage, serverId) {
  return withClient(storage.databaseUrl(), async (c) => {
    const { rows } = await c.query(
      `SELECT action, outcome, count(*)::int AS n FROM audit_events WHERE server_id = $1 GROUP BY action, outcome`,
      [serverId],
    );
    return rows;
  });
}
