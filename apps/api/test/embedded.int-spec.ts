import { readEmbeddedDatabaseInfo } from '@gw/db';
import { sha256Hex } from '@gw/security';
import { AppProcess, freePort, waitFor } from '@gw/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DASHBOARD_URL, OWNER } from './support/api-under-test';
import { type ApiClient, signIn } from './support/http-client';
import { connectWithClickUp } from './support/oauth-browser';
import { OWNER_TOKEN, Sandbox } from './support/sandbox';

/**
 * The main provisioning flow on the embedded defaults (PGlite in DATA_DIR, BullMQ on the same database), with the
 * api and the worker as the compiled processes `npm start` runs, so their whole console output can be searched for
 * the secrets that went through them.
 */
let sandbox: Sandbox;
let api: AppProcess;
let worker: AppProcess;
let dataDir: string;
let baseUrl: string;
let owner: ApiClient;
const secrets: string[] = [OWNER_TOKEN, OWNER.password];

beforeAll(async () => {
  sandbox = await Sandbox.start();
  dataDir = mkdtempSync(join(tmpdir(), 'gw-provisioning-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DASHBOARD_URL,
    CLICKUP_API_BASE_URL: sandbox.url,
    CLICKUP_APP_URL: sandbox.url,
    CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
    CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    // As chatty as it gets: whatever the api logs, no secret may be in it.
    LOG_LEVEL: 'trace',
  };
  api = AppProcess.start('api', env);
  await api.waitForLine(/^api listening on/, 90_000);
  worker = AppProcess.start('worker', { DATA_DIR: dataDir, LOG_LEVEL: 'trace' });
  await worker.waitForLine(/worker processing jobs/, 60_000);
  owner = await signIn(baseUrl, OWNER.email, OWNER.password);
  if (owner.auth.kind === 'session')
    secrets.push(owner.auth.csrf, ...owner.auth.cookie.split('; ').map((c) => c.split('=')[1]));
}, 150_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function sql<T>(query: string, params: unknown[]): Promise<T[]> {
  const info = readEmbeddedDatabaseInfo(dataDir);
  if (!info) throw new Error('the embedded database is not running');
  const client = new Client({ connectionString: info.url });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function tokenHashOf(serverId: string): Promise<string | null> {
  return (
    await sql<{ token_hash: string | null }>('SELECT token_hash FROM mcp_servers WHERE id = $1', [serverId])
  )[0].token_hash;
}

it('connects ClickUp, provisions, rotates and expires servers, and never logs a secret', async () => {
  const rejected = await owner.post('/api/v1/connections', {
    name: 'Wrong',
    type: 'personal_token',
    token: 'pk_wrong_SECRET_9f8e7d',
  });
  expect(rejected.status).toBe(422);
  secrets.push('pk_wrong_SECRET_9f8e7d');

  const connection = await owner.post<{ id: string; workspaces: { id: string }[] }>('/api/v1/connections', {
    name: 'Acme',
    type: 'personal_token',
    token: OWNER_TOKEN,
  });
  expect(connection.status).toBe(201);
  expect(connection.body.workspaces.map((w) => w.id)).toEqual([sandbox.acme.id]);

  const { landing } = await connectWithClickUp(owner, 'Acme via OAuth', {
    user: 'owner',
    workspaceIds: [sandbox.acme.id],
  });
  expect(landing.searchParams.get('created')).toEqual(expect.any(String));

  const serversUrl = `/api/v1/connections/${connection.body.id}/mcp-servers`;
  const shortLived = await owner.post<{ id: string; token: string; url: string }>(serversUrl, {
    name: 'Short-lived',
    workspace_id: sandbox.acme.id,
    space_ids: sandbox.acme.spaceIds.slice(0, 1),
    config: { methods: ['read'], tags: ['tasks'] },
    expires_at: new Date(Date.now() + 3000).toISOString(),
  });
  expect(shortLived.status).toBe(201);
  const lasting = await owner.post<{ id: string; token: string }>(serversUrl, {
    name: 'Lasting',
    workspace_id: sandbox.acme.id,
  });
  const rotated = await owner.post<{ token: string; url: string }>(
    `/api/v1/mcp-servers/${lasting.body.id}/rotate`,
  );
  expect(rotated.status).toBe(200);
  expect(await tokenHashOf(lasting.body.id)).toBe(sha256Hex(rotated.body.token));
  const apiToken = await owner.post<{ token: string }>('/api/v1/api-tokens', { name: 'ci', role: 'admin' });
  secrets.push(shortLived.body.token, lasting.body.token, rotated.body.token, apiToken.body.token);

  const bearer = owner.as({ kind: 'bearer', token: apiToken.body.token });
  const listed = await bearer.get<{ id: string; state: string }[]>('/api/v1/mcp-servers');
  expect(listed.status).toBe(200);
  expect(listed.body.map((s) => s.id)).toEqual(expect.arrayContaining([shortLived.body.id, lasting.body.id]));
  for (const secret of secrets.slice(-4)) expect(listed.text).not.toContain(secret);

  // Connection grants and team policies live in the embedded database as they do in PostgreSQL.
  const team = await owner.post<{ id: string }>('/api/v1/teams', { name: 'Support' });
  const granted = await owner.put<{ team_ids: string[] }>(`/api/v1/connections/${connection.body.id}/teams`, {
    team_ids: [team.body.id],
  });
  expect(granted.body.team_ids).toEqual([team.body.id]);
  const policy = await owner.put<{ is_default: boolean; usable_connection_ids: string[] }>(
    `/api/v1/teams/${team.body.id}/policy`,
    {
      connection_ids: [],
      workspace_ids: [],
      tags: [],
      methods: ['read'],
      require_space_pinning: false,
      require_api_token_auth: false,
      max_expiry_days: null,
    },
  );
  expect(policy.body).toMatchObject({ is_default: false, usable_connection_ids: [connection.body.id] });
  const moved = await owner.patch<{ policy_violations: { field: string }[] }>(
    `/api/v1/mcp-servers/${lasting.body.id}`,
    { team_id: team.body.id },
  );
  expect(moved.body.policy_violations.map((v) => v.field)).toEqual(['methods']);

  await waitFor(async () => (await tokenHashOf(shortLived.body.id)) === null, {
    timeoutMs: 20_000,
    what: 'the worker to purge the expired token hash',
  });
  const expired = await owner.get<{ state: string }>(`/api/v1/mcp-servers/${shortLived.body.id}`);
  expect(expired.body.state).toBe('expired');
  expect(await tokenHashOf(lasting.body.id)).toBe(sha256Hex(rotated.body.token));

  // The logs saw every one of these requests (so the search below means something) but none of the secrets.
  const logs = `${api.text()}\n${worker.text()}`;
  expect(logs).toContain('/api/v1/connections');
  expect(logs).toContain('/rotate');
  expect(logs).toContain('expire-server');
  for (const secret of secrets) expect(logs).not.toContain(secret);
  expect(logs).not.toMatch(/cmcp_[A-Za-z0-9_-]{43}/);
  expect(logs).not.toMatch(/cgw_[A-Za-z0-9_-]{43}/);
}, 90_000);

it('stops a revoked URL at once, and one revoked by another process within a second', async () => {
  const connection = await owner.post<{ id: string }>('/api/v1/connections', {
    name: 'Acme again',
    type: 'personal_token',
    token: OWNER_TOKEN,
  });
  const create = async () =>
    (
      await owner.post<{ id: string; url: string }>(`/api/v1/connections/${connection.body.id}/mcp-servers`, {
        name: 'Revocable',
        workspace_id: sandbox.acme.id,
      })
    ).body;
  const initialize = async (url: string) =>
    (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'e', version: '1' },
          },
        }),
      })
    ).status;

  const here = await create();
  expect(await initialize(here.url)).toBe(200);
  expect((await owner.delete(`/api/v1/mcp-servers/${here.id}`)).status).toBe(204);
  expect(await initialize(here.url)).toBe(404);

  const elsewhere = await create();
  expect(await initialize(elsewhere.url)).toBe(200);
  await sql('UPDATE mcp_servers SET revoked_at = now(), token_hash = NULL WHERE id = $1', [elsewhere.id]);
  const revokedAt = Date.now();
  await waitFor(async () => (await initialize(elsewhere.url)) === 404, { timeoutMs: 3000, intervalMs: 50 });
  expect(Date.now() - revokedAt).toBeLessThan(1000);
}, 30_000);
