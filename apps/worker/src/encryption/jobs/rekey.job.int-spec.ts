import { DATABASE_TARGETS, migratedDataSource, type DatabaseTarget } from '@gw/db/testing';
import { RESEAL_BATCH, takeCredentialCensus } from '@gw/db';
import { GatewayMetrics, parseExposition, sampleSum } from '@gw/metrics';
import type { JobPayload, JobResult, RekeyJobProgress } from '@gw/queue';
import {
  approvalWebhookAad,
  auditSinkSecretAad,
  connectionCredentialAad,
  linkedAccountCredentialAad,
  oauthProviderKeyAad,
  SecretBox,
  ssoClientSecretAad,
  ssoRefreshTokenAad,
} from '@gw/security';
import type { Job } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { RekeyJob } from './rekey.job';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const keyC = randomBytes(32).toString('base64');
const underA = new SecretBox(keyA);
const rotating = new SecretBox(keyB, [keyA]);
const underBOnly = new SecretBox(keyB);

/** More connections than one batch holds, so a run crosses a batch boundary. */
const CONNECTIONS = RESEAL_BATCH + 5;

type FakeJob = Job<JobPayload<'rekey'>, JobResult<'rekey'>> & { progress: RekeyJobProgress[] };

function fakeJob(): FakeJob {
  const progress: RekeyJobProgress[] = [];
  return {
    id: 'rekey',
    progress,
    async updateProgress(value: RekeyJobProgress) {
      progress.push(value);
    },
  } as unknown as FakeJob;
}

describe.each(DATABASE_TARGETS)('re-encryption of stored secrets on %s', (_label, open) => {
  let target: DatabaseTarget;
  let dataSource: DataSource;
  const organizationId = randomUUID();
  const userId = randomUUID();
  const teamId = randomUUID();
  const identityId = randomUUID();
  const corruptUserId = randomUUID();
  const strangerConnectionId = randomUUID();
  /** Every readable value with the plaintext and binding it was sealed with. */
  const expected: {
    table: string;
    where: string;
    id: string;
    ciphertext: string;
    keyId: string;
    aad: string;
    plain: string;
  }[] = [];

  async function seal(
    table: string,
    where: string,
    id: string,
    columns: [string, string],
    aad: string,
    plain: string,
  ): Promise<void> {
    const sealed = underA.seal(plain, aad);
    await dataSource.query(`UPDATE ${table} SET ${columns[0]} = $1, ${columns[1]} = $2 WHERE ${where} = $3`, [
      sealed.ciphertext,
      sealed.keyId,
      id,
    ]);
    expected.push({ table, where, id, ciphertext: columns[0], keyId: columns[1], aad, plain });
  }

  async function insertConnection(id: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO clickup_connections (id, organization_id, name, type, credential_ciphertext, credential_key_id,
         credential_fingerprint, clickup_user_id, clickup_username, workspaces)
       VALUES ($1, $2, $3, 'personal_token', '', '', 'fp', 1, 'ada', '[]')`,
      [id, organizationId, `Connection ${id}`],
    );
  }

  async function insertLinkedAccount(id: string, user: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO users (id, organization_id, email, name, role) VALUES ($1, $2, $3, 'P', 'member')`,
      [user, organizationId, `${user}@acme.test`],
    );
    await dataSource.query(
      `INSERT INTO clickup_linked_accounts (id, organization_id, user_id, clickup_user_id, clickup_username,
         workspaces, credential_ciphertext, credential_key_id, credential_fingerprint, linked_at)
       VALUES ($1, $2, $3, 7, 'ada', '[]', '', '', 'fp', now())`,
      [id, organizationId, user],
    );
  }

  beforeAll(async () => {
    target = await open('gw_rekey');
    dataSource = await migratedDataSource(target.url, 'rekey-test', 3);
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Acme')`, [organizationId]);
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const id = randomUUID();
      await insertConnection(id);
      await seal(
        'clickup_connections',
        'id',
        id,
        ['credential_ciphertext', 'credential_key_id'],
        connectionCredentialAad(id),
        `pk_${i}_TOKEN`,
      );
    }
    // A deleted connection's wiped credential is no credential.
    await insertConnection(randomUUID());
    const accountId = randomUUID();
    await insertLinkedAccount(accountId, userId);
    await seal(
      'clickup_linked_accounts',
      'id',
      accountId,
      ['credential_ciphertext', 'credential_key_id'],
      linkedAccountCredentialAad(organizationId, userId),
      'oauth-token-of-ada',
    );
    await dataSource.query(`INSERT INTO teams (id, organization_id, name) VALUES ($1, $2, 'Support')`, [
      teamId,
      organizationId,
    ]);
    await dataSource.query(
      `INSERT INTO approval_webhooks (team_id, organization_id, url_ciphertext, url_key_id, secret_ciphertext,
         secret_key_id, secret_hint, secret_created_at) VALUES ($1, $2, '', '', '', '', 'abcd', now())`,
      [teamId, organizationId],
    );
    await seal(
      'approval_webhooks',
      'team_id',
      teamId,
      ['url_ciphertext', 'url_key_id'],
      approvalWebhookAad(teamId, 'url'),
      'https://hooks.slack.test/T1/B2/xyz',
    );
    await seal(
      'approval_webhooks',
      'team_id',
      teamId,
      ['secret_ciphertext', 'secret_key_id'],
      approvalWebhookAad(teamId, 'secret'),
      'whsec_abcd',
    );
    await dataSource.query(`INSERT INTO sso_settings (organization_id) VALUES ($1)`, [organizationId]);
    await seal(
      'sso_settings',
      'organization_id',
      organizationId,
      ['client_secret_ciphertext', 'client_secret_key_id'],
      ssoClientSecretAad(organizationId),
      'idp-client-secret',
    );
    await dataSource.query(
      `INSERT INTO sso_identities (id, user_id, issuer, subject, signed_in_at) VALUES ($1, $2, 'https://idp.test', 'ada', now())`,
      [identityId, userId],
    );
    await seal(
      'sso_identities',
      'id',
      identityId,
      ['refresh_token_ciphertext', 'refresh_token_key_id'],
      ssoRefreshTokenAad(identityId),
      'idp-refresh-token',
    );
    for (const name of ['jwks', 'cookies']) {
      await dataSource.query(
        `INSERT INTO oauth_provider_keys (name, ciphertext, key_id) VALUES ($1, '', '')`,
        [name],
      );
      await seal(
        'oauth_provider_keys',
        'name',
        name,
        ['ciphertext', 'key_id'],
        oauthProviderKeyAad(name),
        `{"${name}":true}`,
      );
    }
    const sinkId = randomUUID();
    await dataSource.query(
      `INSERT INTO audit_sinks (id, organization_id, name, kind, settings) VALUES ($1, $2, 'siem', 'webhook', '{}')`,
      [sinkId, organizationId],
    );
    await seal(
      'audit_sinks',
      'id',
      sinkId,
      ['secret_ciphertext', 'secret_key_id'],
      auditSinkSecretAad(sinkId),
      'whsec_sink',
    );

    // Damaged under key A: its tag no longer matches.
    await insertLinkedAccount(randomUUID(), corruptUserId);
    const damaged = underA.seal('lost', linkedAccountCredentialAad(organizationId, corruptUserId));
    const parts = damaged.ciphertext.split('.');
    parts[2] = Buffer.alloc(16).toString('base64url');
    await dataSource.query(
      `UPDATE clickup_linked_accounts SET credential_ciphertext = $1, credential_key_id = $2 WHERE user_id = $3`,
      [parts.join('.'), damaged.keyId, corruptUserId],
    );
    // Under a key this deployment never had.
    await insertConnection(strangerConnectionId);
    const stranger = new SecretBox(keyC).seal('pk_stranger', connectionCredentialAad(strangerConnectionId));
    await dataSource.query(
      `UPDATE clickup_connections SET credential_ciphertext = $1, credential_key_id = $2 WHERE id = $3`,
      [stranger.ciphertext, stranger.keyId, strangerConnectionId],
    );
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await target?.close();
  });

  const readable = () => expected.length;
  const job = (box: SecretBox, metrics = new GatewayMetrics('worker')) =>
    new RekeyJob(dataSource, metrics, pino({ level: 'silent' }), box);

  it('counts every value under the old key before the run, and names the two no key opens', async () => {
    const census = await takeCredentialCensus(dataSource, rotating);
    expect(census).toMatchObject({
      current_key_id: rotating.currentKeyId,
      total: readable() + 2,
      under_current: 0,
      under_previous: readable(),
      unreadable: 2,
    });
    expect(census.unreadable_items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'clickup_connection',
          id: strangerConnectionId,
          reason: 'unknown_key',
        }),
        expect.objectContaining({ kind: 'clickup_linked_account', reason: 'does_not_open' }),
      ]),
    );
  });

  it('re-seals every value under the new key, batch by batch, and goes on past the unreadable ones', async () => {
    const metrics = new GatewayMetrics('worker');
    const run = fakeJob();
    const result = await job(rotating, metrics).process({ requested_by: 'user:owner' }, run);

    expect(result.resealed).toBe(readable());
    expect(result.unreadable.map((u) => u.reason).sort()).toEqual(['does_not_open', 'unknown_key']);
    expect(run.progress[0]).toEqual({ done: 0, total: readable() + 2 });
    expect(run.progress.length).toBeGreaterThan(2);
    expect(run.progress.at(-1)).toEqual({ done: readable() + 2, total: readable() + 2 });

    const exposition = parseExposition(await metrics.scrape());
    const byKey = (key: string) => sampleSum(exposition, 'gateway_credentials_by_key', { key });
    expect([byKey('current'), byKey('previous'), byKey('unreadable')]).toEqual([readable(), 0, 2]);

    const [row] = await dataSource.query(
      `SELECT actor, arguments, outcome FROM audit_events WHERE action = 'encryption.rekey' AND organization_id = $1`,
      [organizationId],
    );
    expect(row).toMatchObject({ actor: 'user:owner', outcome: 'error' });
    expect(row.arguments).toMatchObject({
      key_id: rotating.currentKeyId,
      resealed: readable(),
      unreadable: 2,
    });
    expect(JSON.stringify(row.arguments)).not.toMatch(/pk_|whsec_|idp-/);
  });

  it('leaves every value readable with the new key alone, as what it was', async () => {
    for (const value of expected) {
      const [row] = await dataSource.query(
        `SELECT ${value.ciphertext} AS ciphertext, ${value.keyId} AS key_id FROM ${value.table} WHERE ${value.where} = $1`,
        [value.id],
      );
      expect(row.key_id).toBe(underBOnly.currentKeyId);
      expect(underBOnly.open({ ciphertext: row.ciphertext, keyId: row.key_id }, value.aad)).toBe(value.plain);
    }
    const census = await takeCredentialCensus(dataSource, underBOnly);
    expect(census).toMatchObject({
      total: readable() + 2,
      under_current: readable(),
      under_previous: 0,
      unreadable: 2,
    });
  });

  it('does nothing the second time, and writes no audit row when nothing changed and nothing is unreadable', async () => {
    const run = fakeJob();
    const again = await job(rotating).process({ requested_by: 'system:worker-start' }, run);
    expect(again.resealed).toBe(0);
    expect(run.progress[0]).toEqual({ done: 0, total: 2 });

    await dataSource.query(`UPDATE clickup_connections SET credential_ciphertext = '' WHERE id = $1`, [
      strangerConnectionId,
    ]);
    await dataSource.query(
      `UPDATE clickup_linked_accounts SET credential_ciphertext = '' WHERE user_id = $1`,
      [corruptUserId],
    );
    const rows = async () =>
      Number(
        (
          await dataSource.query(
            `SELECT count(*)::int AS n FROM audit_events WHERE action = 'encryption.rekey'`,
          )
        )[0].n,
      );
    const before = await rows();
    const clean = await job(rotating).process({ requested_by: 'system:worker-start' }, fakeJob());
    expect(clean).toEqual({ current_key_id: rotating.currentKeyId, resealed: 0, unreadable: [] });
    expect(await rows()).toBe(before);
  });

  it('re-seals each value once when two runs overlap', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const id = randomUUID();
      await insertConnection(id);
      const sealed = underA.seal(`pk_overlap_${i}`, connectionCredentialAad(id));
      await dataSource.query(
        `UPDATE clickup_connections SET credential_ciphertext = $1, credential_key_id = $2 WHERE id = $3`,
        [sealed.ciphertext, sealed.keyId, id],
      );
      ids.push(id);
    }
    const [first, second] = await Promise.all([
      job(rotating).process({ requested_by: 'a' }, fakeJob()),
      job(rotating).process({ requested_by: 'b' }, fakeJob()),
    ]);
    expect(first.resealed + second.resealed).toBe(ids.length);
    const census = await takeCredentialCensus(dataSource, underBOnly);
    expect(census.under_previous + census.unreadable).toBe(0);
  });

  it('refuses to run without an encryption key, for good', async () => {
    const keyless = new RekeyJob(dataSource, new GatewayMetrics('worker'), pino({ level: 'silent' }));
    await expect(keyless.process({ requested_by: 'x' }, fakeJob())).rejects.toThrow(/no ENCRYPTION_KEY/);
  });
});
