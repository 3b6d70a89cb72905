import { generateKeyPairSync } from 'node:crypto';
import { auditArchive, archiveLine, archiveName } from './archive';
import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';
import {
  checkpointSigner,
  CheckpointKeyError,
  checkpointSignatureProblem,
  parseCheckpoint,
  splitPemBundle,
  trustedKeys,
  type SignedCheckpoint,
} from './checkpoint';
import { CheckpointAuditor, type CheckpointAuditOptions } from './checkpoint-auditor';
import { dueCheckpointSeqs } from './checkpoint-schedule';

const ORG = 'org-1';
const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const MINUTE = 60_000;
const POLICY = { every_events: 10, every_minutes: 10 };

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** `n` events, one a minute from T0 (as `every`), hashed into a chain. */
function chain(n: number, { every = MINUTE, edit }: { every?: number; edit?: number } = {}): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row: Omit<AuditRecord, 'hash'> = {
      id: `id-${seq}`,
      seq,
      at: new Date(T0 + seq * every).toISOString(),
      organization_id: ORG,
      server_id: null,
      team_id: null,
      actor: 'mcp:s',
      client_name: 'claude',
      client_version: '1',
      session_id: null,
      ip: null,
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { task_id: seq === edit ? 'forged' : `t${seq}` },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: 200,
      duration_ms: 5,
      job_id: null,
      request_id: null,
      prev_hash: prev,
    };
    const hash = hashAuditRecord(row);
    rows.push({ ...row, hash });
    prev = hash;
  }
  return rows;
}

const signer = (() => {
  const pair = keyPair();
  return { ...pair, signer: checkpointSigner(pair.privatePem) };
})();
const trusted = trustedKeys([{ pem: signer.publicPem, source: 'test key' }]);

/** Checkpoints at `seqs` of `rows`, each signed a minute after its row. */
function checkpointsOf(rows: AuditRecord[], seqs: number[], by = signer.signer): SignedCheckpoint[] {
  return seqs.map((seq) =>
    by.sign({
      organization_id: ORG,
      seq,
      hash: rows[seq - 1].hash,
      created_at: new Date(Date.parse(rows[seq - 1].at) + MINUTE).toISOString(),
      ...POLICY,
    }),
  );
}

function audit(
  rows: AuditRecord[],
  checkpoints: SignedCheckpoint[],
  options: Partial<CheckpointAuditOptions> = {},
) {
  const auditor = new CheckpointAuditor(ORG, checkpoints, {
    trusted,
    anchor: { seq: 1, hash: GENESIS_HASH },
    coverage: 'full',
    defaultPolicy: POLICY,
    ...options,
  });
  for (const row of rows) auditor.next(row);
  return auditor.finish();
}

describe('checkpoint keys', () => {
  it('signs with an Ed25519 PKCS#8 key and names it by a short hash of its public key', () => {
    expect(signer.signer.keyId).toMatch(/^[0-9a-f]{16}$/);
    const [checkpoint] = checkpointsOf(chain(1), [1]);
    expect(checkpointSignatureProblem(checkpoint, trusted)).toBeNull();
    expect(checkpoint.public_key).toBe(signer.publicPem);
  });

  it('refuses keys that cannot sign checkpoints, without repeating them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => checkpointSigner(rsa)).toThrow('is a rsa key: checkpoints are signed with Ed25519 only');
    expect(() => checkpointSigner('not a key')).toThrow(CheckpointKeyError);
    try {
      checkpointSigner('-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----');
    } catch (error) {
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
  });

  it('takes public keys only, Ed25519 only, from a bundle', () => {
    const other = keyPair();
    const bundle = `${signer.publicPem}\n${other.publicPem}`;
    expect(splitPemBundle(bundle)).toHaveLength(2);
    expect(trustedKeys(splitPemBundle(bundle).map((pem) => ({ pem, source: 'bundle' }))).size).toBe(2);
    expect(() => trustedKeys([{ pem: signer.privatePem, source: 'key.pem' }])).toThrow(
      'key.pem holds a private key: give verifiers the public key only',
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(() => trustedKeys([{ pem: rsa, source: 'rsa.pem' }])).toThrow('rsa.pem is a rsa key, not Ed25519');
  });

  it('finds an altered checkpoint, and one signed by an untrusted key', () => {
    const [checkpoint] = checkpointsOf(chain(2), [2]);
    expect(checkpointSignatureProblem({ ...checkpoint, seq: 1 }, trusted)).toMatch(/does not verify/);
    expect(checkpointSignatureProblem({ ...checkpoint, every_events: 1_000_000 }, trusted)).toMatch(
      /does not verify/,
    );
    const forger = checkpointSigner(keyPair().privatePem);
    const [forged] = checkpointsOf(chain(2), [2], forger);
    expect(checkpointSignatureProblem(forged, trusted)).toBe(
      `signed by key ${forger.keyId}, which is not among the trusted public keys`,
    );
    // Claiming the trusted key's id does not help a forger.
    expect(checkpointSignatureProblem({ ...forged, key_id: signer.signer.keyId }, trusted)).toMatch(
      /does not verify/,
    );
  });

  it('parses checkpoints from JSON lines and ignores anything else', () => {
    const [checkpoint] = checkpointsOf(chain(1), [1]);
    expect(parseCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
    expect(parseCheckpoint({ ...checkpoint, type: 'event' })).toBeNull();
    expect(parseCheckpoint({ ...checkpoint, seq: 'x' })).toBeNull();
    expect(parseCheckpoint(null)).toBeNull();
  });
});

describe('dueCheckpointSeqs', () => {
  const now = new Date(T0);
  const at = (minutesAgo: number) => new Date(T0 - minutesAgo * MINUTE).toISOString();

  it('signs the head at once for a chain that has no checkpoint, and nothing when no event came since', () => {
    expect(dueCheckpointSeqs(0, null, POLICY, now)).toEqual([]);
    expect(dueCheckpointSeqs(7, null, POLICY, now)).toEqual([7]);
    expect(dueCheckpointSeqs(7, { seq: 7, created_at: at(60) }, POLICY, now)).toEqual([]);
  });

  it('signs every N-th event, and the head once M minutes passed', () => {
    expect(dueCheckpointSeqs(25, { seq: 3, created_at: at(1) }, POLICY, now)).toEqual([13, 23]);
    expect(dueCheckpointSeqs(25, { seq: 3, created_at: at(10) }, POLICY, now)).toEqual([13, 23, 25]);
    expect(dueCheckpointSeqs(5, { seq: 3, created_at: at(9) }, POLICY, now)).toEqual([]);
    expect(dueCheckpointSeqs(5, { seq: 3, created_at: at(10) }, POLICY, now)).toEqual([5]);
  });

  it('signs a long backlog over several runs', () => {
    const due = dueCheckpointSeqs(1_000_000, { seq: 1, created_at: at(60) }, POLICY, now);
    expect(due).toHaveLength(500);
    expect(due.at(-1)).toBe(5001);
  });
});

describe('CheckpointAuditor', () => {
  const rows = chain(30);
  const checkpoints = checkpointsOf(rows, [10, 20, 30]);

  it('accepts a chain that matches its checkpoints', () => {
    expect(audit(rows, checkpoints, { now: new Date(T0 + 40 * MINUTE) })).toEqual({
      ok: true,
      records: 30,
      matched: 3,
      before_chain: 0,
      findings: [],
    });
  });

  it('catches a history rewritten with every hash recomputed, naming the first checkpoint that no longer matches', () => {
    const rewritten = chain(30, { edit: 15 });
    const report = audit(rewritten, checkpoints);
    expect(report.ok).toBe(false);
    expect(report.first_bad_id).toBe('id-20');
    expect(report.findings.map((f) => [f.kind, f.seq])).toEqual([
      ['mismatch', 20],
      ['mismatch', 30],
    ]);
    expect(report.findings[0].message).toMatch(
      /^checkpoint at seq 20 \(signed .* with key [0-9a-f]{16}\) no longer matches/,
    );
  });

  it('reports newest rows removed as a checkpoint past the end', () => {
    const report = audit(rows.slice(0, 25), checkpoints);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'beyond-end',
        seq: 30,
        message: expect.stringContaining('rows after seq 25 were removed'),
      }),
    ]);
  });

  it('reports deleted checkpoints: a gap longer than promised, and recent rows none covers', () => {
    const middle = audit(rows, checkpointsOf(rows, [10, 30]));
    expect(middle.findings).toEqual([
      expect.objectContaining({
        kind: 'missing',
        seq: 11,
        message: expect.stringContaining('20 events apart, where one was due every 10'),
      }),
    ]);

    const newest = audit(rows, checkpointsOf(rows, [10, 20]), { now: new Date(T0 + 60 * MINUTE) });
    expect(newest.findings).toEqual([
      expect.objectContaining({
        kind: 'missing',
        seq: 21,
        message: expect.stringContaining(
          'no checkpoint covers seq 21–30, the oldest of them 39 minutes old; the newest checkpoint is seq 20',
        ),
      }),
    ]);
    // Within the interval (plus slack) the newest rows are simply not signed yet.
    expect(audit(rows, checkpointsOf(rows, [10, 20]), { now: new Date(T0 + 30 * MINUTE) }).ok).toBe(true);
  });

  it('reports a slow stretch: rows waited longer than the interval for their checkpoint', () => {
    const slow = chain(12, { every: 5 * MINUTE });
    const report = audit(slow, checkpointsOf(slow, [2, 12]));
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'missing',
        message: expect.stringContaining(
          'no checkpoint between seq 2 and seq 12 for 46 minutes, where one was due every 10',
        ),
      }),
    ]);
  });

  it('reports a checkpoint forged with another key, and still checks the genuine ones', () => {
    const forger = checkpointSigner(keyPair().privatePem);
    const report = audit(rows, [...checkpoints, ...checkpointsOf(rows, [25], forger)]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'untrusted',
        seq: 25,
        message: expect.stringContaining(`signed by key ${forger.keyId}`),
      }),
    ]);
    expect(report.matched).toBe(3);
  });

  it('reports no checkpoints at all on a live chain whose rows are old', () => {
    const report = audit(rows, [], { now: new Date(T0 + 120 * MINUTE) });
    expect(report.findings[0].message).toMatch(
      /no checkpoint exists: is AUDIT_SIGNING_KEY set on the worker\?/,
    );
  });

  it('starts after a purge from the anchor, which a checkpoint vouches for', () => {
    const kept = rows.slice(20);
    const anchor = { seq: 21, hash: rows[19].hash };
    expect(audit(kept, checkpoints, { anchor })).toMatchObject({ ok: true, before_chain: 2, matched: 1 });
    const moved = audit(
      kept.map((r) => r),
      checkpoints,
      { anchor: { seq: 21, hash: GENESIS_HASH } },
    );
    expect(moved.findings.map((f) => f.kind)).toEqual(['chain', 'anchor']);
  });

  it('treats a checkpoint delivered twice as one, and two different ones at a seq as a fork', () => {
    expect(audit(rows, [...checkpoints, checkpoints[0]]).ok).toBe(true);
    const fork = checkpointsOf(chain(30, { edit: 5 }), [10]);
    expect(audit(rows, [...checkpoints, ...fork]).findings.map((f) => f.kind)).toEqual(['conflict']);
  });
});

describe('auditArchive', () => {
  const rows = chain(30);
  const lines = (items: (AuditRecord | SignedCheckpoint)[]) =>
    async function* () {
      for (const item of items) yield archiveLine(item).trimEnd();
    };

  it('names archives by organization and seq range, sorted', () => {
    expect(archiveName(ORG, 1, 2500)).toBe('org-1/000000000001-000000002500.jsonl.gz');
  });

  it('verifies a purged range that starts mid-chain against the checkpoints it carries', async () => {
    const slice = rows.slice(10, 20);
    const report = await auditArchive(lines([...slice, ...checkpointsOf(rows, [20])]), {
      trusted,
      defaultPolicy: POLICY,
    });
    expect(report).toMatchObject({
      ok: true,
      records: 10,
      matched: 1,
      first_seq: 11,
      last_seq: 20,
      checkpoints: 1,
    });
  });

  it('catches a rewritten archive and a forged checkpoint in it', async () => {
    const rewritten = chain(30, { edit: 12 }).slice(10, 20);
    const report = await auditArchive(lines([...rewritten, ...checkpointsOf(rows, [20])]), {
      trusted,
      defaultPolicy: POLICY,
    });
    expect(report.findings.map((f) => f.kind)).toEqual(['mismatch']);
    const forger = checkpointSigner(keyPair().privatePem);
    const forged = await auditArchive(
      lines([...rewritten, ...checkpointsOf(chain(30, { edit: 12 }), [20], forger)]),
      {
        trusted,
        defaultPolicy: POLICY,
      },
    );
    expect(forged.findings.map((f) => f.kind)).toEqual(['untrusted']);
  });

  it('refuses a file that is not an archive, naming the line', async () => {
    const bad = async function* () {
      yield archiveLine(rows[0]).trimEnd();
      yield '{"hello": 1}';
    };
    await expect(auditArchive(bad, { trusted, defaultPolicy: POLICY })).rejects.toThrow(
      'line 2 is neither an audit event nor a checkpoint',
    );
  });
});
