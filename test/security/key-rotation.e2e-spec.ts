import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor, WebhookReceiver } from '@gw/testing';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from '../audit/support';
import { approveLink, MEMBER_PASSWORD, signedIn } from '../support/linked-account';
import { callTool, connectClient, connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { Stack } from '../support/stack';

interface EncryptionStatus {
  current_key_id: string;
  previous_key_configured: boolean;
  previous_key_id: string | null;
  total: number;
  under_current: number;
  under_previous: number;
  unreadable: number;
  unreadable_values: { kind: string; id: string; key_id: string | null; reason: string }[];
  previous_key_removable: boolean;
  job: {
    state: string;
    started_at: string | null;
    finished_at: string | null;
    done: number;
    total: number;
    error: string | null;
  } | null;
}

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');

/**
 * A key rotation as an operator runs it: secrets stored under key A; restart with B current and A previous, and
 * the worker re-encrypts everything by itself; restart with B alone, and every credential still works.
 */
describe('encryption key rotation (postgres+redis)', () => {
  const stack = new Stack('postgres+redis', {
    sandbox: true,
    env: {
      CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
      CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
    },
  });
  let receiver: WebhookReceiver;
  let serverUrl: string;
  let teamId: string;
  let webhookSecret: string;
  let brokenConnection: string;
  let member: { cookie: string; csrf: string };
  let client: Client | undefined;

  const status = async () => (await stack.rest<EncryptionStatus>('GET', '/settings/encryption')).body;
  const restart = async (env: Record<string, string | undefined>) => {
    await stack.worker?.stop();
    await stack.api.stop();
    stack.setEnv(env);
    await stack.startApi();
    await stack.startWorker();
  };
  const answers = async () => {
    client = await connectClient(serverUrl);
    const envelope = await callTool<{ user: { username: string } }>(client, 'user_me');
    await client.close();
    return envelope.ok;
  };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    stack.setEnv({ ENCRYPTION_KEY: KEY_A });
    await stack.start();
    const ids = await sandboxIds(stack);
    serverUrl = (await createServer(stack, await connectSandbox(stack), { workspace_id: ids.acme })).url;
    brokenConnection = await connectSandbox(stack, 'Restored from a bad backup');
    teamId = (await stack.rest<{ id: string }>('POST', '/teams', { name: 'Support' })).body.id;
    webhookSecret = (
      await stack.rest<{ secret: string }>('PUT', `/teams/${teamId}/approval-webhook`, {
        url: receiver.url('/hook'),
      })
    ).body.secret;
    const email = `mel-${randomUUID().slice(0, 6)}@example.com`;
    await stack.rest('POST', '/users', { email, name: 'Mel', role: 'member', password: MEMBER_PASSWORD });
    expect(
      (await (await approveLink(stack, email, { clickupUser: 'sarah', workspace: ids.acme }))()).linked,
    ).toBe(true);
    member = await signedIn(stack, email);
    // A value damaged at rest: its authentication tag no longer matches.
    await sql(
      stack,
      `UPDATE clickup_connections SET credential_ciphertext = regexp_replace(credential_ciphertext, '^(v1\\.[^.]+\\.)[^.]+', '\\1AAAAAAAAAAAAAAAAAAAAAA') WHERE id = $1`,
      [brokenConnection],
    );
  }, 150_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await stack.stop();
    await receiver?.close();
  }, 60_000);

  it('counts every stored secret under the one key there is, and names the damaged one', async () => {
    const before = await status();
    // 2 connections, 1 linked account, the webhook's URL and secret, the authorization server's 2 key sets.
    expect(before).toMatchObject({
      previous_key_configured: false,
      previous_key_id: null,
      total: 7,
      under_current: 6,
      under_previous: 0,
      unreadable: 1,
      previous_key_removable: false,
    });
    expect(before.unreadable_values).toEqual([
      {
        kind: 'clickup_connection',
        id: brokenConnection,
        key_id: before.current_key_id,
        reason: 'does_not_open',
      },
    ]);
    expect(await answers()).toBe(true);
  });

  it('lets only the owner start a run, a member not even read the counts, and nobody unauthenticated', async () => {
    const asMember = (method: string, path: string) =>
      fetch(`${stack.baseUrl}/api/v1/settings/encryption${path}`, {
        method,
        headers: { cookie: member.cookie, 'x-csrf-token': member.csrf, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
    expect((await fetch(`${stack.baseUrl}/api/v1/settings/encryption`)).status).toBe(401);
    expect((await asMember('GET', '')).status).toBe(403);
    expect((await asMember('POST', '/rekey')).status).toBe(403);
    const refused = await sql(
      stack,
      `SELECT outcome FROM audit_events WHERE action = 'http POST /api/v1/settings/encryption/rekey' AND outcome = 'denied'`,
    );
    expect(refused).toHaveLength(1);
  });

  it('re-encrypts everything by itself once the worker starts with the old key as previous', async () => {
    await restart({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    const done = await waitFor(
      async () => {
        const now = await status();
        return now.job?.state === 'completed' ? now : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the re-encryption run to complete' },
    );
    expect(done).toMatchObject({
      previous_key_configured: true,
      total: 7,
      under_current: 6,
      under_previous: 0,
      unreadable: 1,
      previous_key_removable: false,
      job: { state: 'completed', done: 7, total: 7, error: null },
    });
    expect(done.previous_key_id).not.toBe(done.current_key_id);
    expect(done.unreadable_values.map((v) => v.id)).toEqual([brokenConnection]);
    expect(await answers()).toBe(true);
    const [row] = await sql<{ actor: string; arguments: { resealed: number } }>(
      stack,
      `SELECT actor, arguments FROM audit_events WHERE action = 'encryption.rekey'`,
    );
    expect(row).toMatchObject({ actor: 'system:worker-start', arguments: { resealed: 6 } });
  });

  it('runs again on the owner’s request, and says the previous key can go once the damaged value is removed', async () => {
    expect((await stack.rest('DELETE', `/connections/${brokenConnection}`)).status).toBeLessThan(300);
    const started = await stack.rest<{ job_id: string; started: boolean }>(
      'POST',
      '/settings/encryption/rekey',
    );
    expect(started).toEqual({ status: 202, body: { job_id: 'rekey', started: true } });
    const done = await waitFor(
      async () => {
        const now = await status();
        return now.job?.state === 'completed' ? now : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the requested run to complete' },
    );
    expect(done).toMatchObject({ total: 6, under_current: 6, unreadable: 0, previous_key_removable: true });
    expect(done.job).toMatchObject({ done: 0, total: 0 });
    const audited = await sql(
      stack,
      `SELECT actor FROM audit_events WHERE action = 'settings.rekey_encryption' AND outcome = 'ok'`,
    );
    expect(audited).toHaveLength(1);
  });

  it('keeps every credential working after the previous key is removed', async () => {
    await restart({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: undefined });
    const after = await status();
    expect(after).toMatchObject({
      previous_key_configured: false,
      total: 6,
      under_current: 6,
      under_previous: 0,
      unreadable: 0,
    });
    expect(await answers()).toBe(true);
    // The worker opens the webhook's URL and secret to deliver, and signs with the secret the team was given.
    receiver.reset();
    expect((await stack.rest('POST', `/teams/${teamId}/approval-webhook/test`)).status).toBe(202);
    const [delivered] = await receiver.waitForRequests(1, '/hook', 20_000);
    const timestamp = delivered.headers['x-gateway-timestamp'] as string;
    expect(delivered.headers['x-gateway-signature']).toBe(
      `v1=${createHmac('sha256', webhookSecret).update(`${timestamp}.${delivered.body}`).digest('hex')}`,
    );
  });
});
