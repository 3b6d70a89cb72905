import { AppProcess } from '@gw/testing';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Stack } from '../support/stack';
import { BatchReceiver } from './sink-receivers';

const REPO_ROOT = resolve(__dirname, '../..');
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signingKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface CheckpointStatus {
  state: string;
  message: string;
  head_seq: number;
  latest: { seq: number; key_id: string } | null;
}

/** The worker as deployed with a signing key: it signs the chain, and the console and audit:verify see it. */
describe('signed audit checkpoints (postgres)', () => {
  const stack = new Stack('postgres', {
    worker: false,
    env: { AUDIT_SIGNING_KEY: signingKey, AUDIT_CHECKPOINT_EVERY_EVENTS: '5' },
  });

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it('says checkpoints are not signed yet, then shows the one the worker signed', async () => {
    for (let days = 400; days < 406; days++) {
      expect((await stack.rest('PATCH', '/settings', { audit_retention_days: days })).status).toBe(200);
    }
    const before = await stack.rest<CheckpointStatus>('GET', '/audit/checkpoints');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ state: 'pending', latest: null });

    // A SIEM's webhook: it gets each checkpoint after the event it covers, and keeps its own copy.
    const siem = await BatchReceiver.start();
    const sink = await stack.rest('POST', '/audit/sinks', {
      name: 'siem',
      kind: 'webhook',
      settings: { url: siem.url('/audit') },
    });
    expect(sink.status).toBe(201);

    // The worker's checkpoint schedule runs once at start, then every minute.
    await stack.startWorker();
    let status = before.body;
    for (let waited = 0; waited < 30_000 && status.state !== 'current'; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await stack.rest<CheckpointStatus>('GET', '/audit/checkpoints')).body;
    }
    expect(status).toMatchObject({
      state: 'current',
      latest: { key_id: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect(status.latest?.seq).toBeGreaterThanOrEqual(6);

    const dir = mkdtempSync(join(tmpdir(), 'gw-checkpoints-e2e-'));
    const keyFile = join(dir, 'audit-signing.pub.pem');
    writeFileSync(keyFile, publicPem);
    const verify = spawnSync('node', ['scripts/audit-verify.mjs', '--database', stack.databaseUrl], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', AUDIT_VERIFY_PUBLIC_KEYS: keyFile },
      timeout: 120_000,
    });
    expect(verify.status).toBe(0);
    expect(verify.stdout.trim().split('\n').at(-1)).toMatch(
      /^ok: \d+ records verified, [1-9]\d* checkpoints matched$/,
    );

    // The checkpoints the SIEM received are the signed ones, and verify the database on their own.
    const received = () =>
      siem.batches.flatMap(({ body }) =>
        (JSON.parse(body) as { items: { type: string; checkpoint?: { seq: number } }[] }).items.flatMap(
          (item) => (item.type === 'checkpoint' && item.checkpoint ? [item.checkpoint] : []),
        ),
      );
    for (
      let waited = 0;
      waited < 15_000 && !received().some((c) => c.seq === status.latest?.seq);
      waited += 250
    ) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(received().find((c) => c.seq === status.latest?.seq)).toMatchObject({
      type: 'checkpoint',
      key_id: status.latest?.key_id,
    });
    const siemCopy = join(dir, 'siem-checkpoints.jsonl');
    writeFileSync(
      siemCopy,
      received()
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    const againstSiem = spawnSync(
      'node',
      ['scripts/audit-verify.mjs', '--database', stack.databaseUrl, '--checkpoints', siemCopy],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', AUDIT_VERIFY_PUBLIC_KEYS: keyFile },
        timeout: 120_000,
      },
    );
    expect(againstSiem.stdout.trim().split('\n').at(-1)).toMatch(/^ok: .*[1-9]\d* checkpoints matched$/);
    expect(againstSiem.status).toBe(0);
    await siem.close();

    // Without a URL, the database a running `npm start` serves (as it records it in DATA_DIR) is verified.
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-checkpoints-data-'));
    writeFileSync(
      join(dataDir, 'embedded-db.json'),
      JSON.stringify({ url: stack.databaseUrl, pid: process.pid }),
    );
    const local = spawnSync('node', ['scripts/audit-verify.mjs', '--database', '--public-key', keyFile], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, DATABASE_URL: '' },
      timeout: 120_000,
    });
    expect(local.status).toBe(0);
    expect(local.stdout).toMatch(/checkpoints matched/);
  });

  it('refuses to start a worker whose key cannot sign, naming the variable and not the key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const worker = AppProcess.start('worker', { ...stack.env(), AUDIT_SIGNING_KEY: rsa });
    expect(await worker.exited()).toBe(1);
    expect(worker.text()).toContain(
      'config error: AUDIT_SIGNING_KEY: must be an Ed25519 private key, not rsa key (got a value that is not shown)',
    );
    expect(worker.text()).not.toContain(rsa.split('\n')[1]);
  });
});
