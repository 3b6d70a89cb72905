import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';
import { canonicalJson } from './canonical-json';
import { ChainWalker, verifyChain } from './verify-chain';

function chain(n: number, organization = 'org'): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row: Omit<AuditRecord, 'hash'> = {
      id: `id-${seq}`,
      seq,
      at: new Date(1_700_000_000_000 + seq).toISOString(),
      organization_id: organization,
      server_id: null,
      team_id: null,
      actor: 'mcp:s',
      client_name: 'claude',
      client_version: '1',
      session_id: null,
      ip: '127.0.0.1',
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { task_id: `t${seq}`, nested: { b: 1, a: [1, 2] } },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: 200,
      duration_ms: 5,
      job_id: null,
      request_id: `r${seq}`,
      prev_hash: prev,
    };
    const hash = hashAuditRecord(row);
    rows.push({ ...row, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', async () => {
    await expect(verifyChain(chain(5))).resolves.toEqual({ ok: true, checked: 5 });
  });

  it('verifies rows from before trace_id existed as read back with the column empty', async () => {
    const rows = chain(3).map((row) => ({ ...row, trace_id: null }));
    await expect(verifyChain(rows)).resolves.toEqual({ ok: true, checked: 3 });
  });

  it('covers a trace id in the hash: a row whose trace id is changed or removed is found', async () => {
    const row = { ...chain(1)[0], trace_id: '0af7651916cd43dd8448eb211c80319c' };
    const traced = { ...row, hash: hashAuditRecord(row) };
    await expect(verifyChain([traced])).resolves.toEqual({ ok: true, checked: 1 });
    await expect(
      verifyChain([{ ...traced, trace_id: '1af7651916cd43dd8448eb211c80319c' }]),
    ).resolves.toMatchObject({
      ok: false,
    });
    await expect(verifyChain([{ ...traced, trace_id: null }])).resolves.toMatchObject({ ok: false });
  });

  it('verifies rows from before the person columns existed, and covers them once set', async () => {
    const older = chain(2).map((row) => ({
      ...row,
      actor_user_id: null,
      actor_email: null,
      oauth_client_id: null,
      clickup_user_id: null,
    }));
    await expect(verifyChain(older)).resolves.toEqual({ ok: true, checked: 2 });

    const row = {
      ...chain(1)[0],
      actor_user_id: '5f1c2a9e-0000-4000-8000-0000000000aa',
      actor_email: 'ada@acme.test',
      oauth_client_id: 'https://claude.ai/oauth/client.json',
      clickup_user_id: '81234567',
    };
    const signedIn = { ...row, hash: hashAuditRecord(row) };
    await expect(verifyChain([signedIn])).resolves.toEqual({ ok: true, checked: 1 });
    for (const forged of [
      { actor_email: 'mallory@acme.test' },
      { actor_user_id: null },
      { oauth_client_id: 'https://evil.example/client.json' },
      { clickup_user_id: '1' },
    ]) {
      await expect(verifyChain([{ ...signedIn, ...forged }])).resolves.toMatchObject({ ok: false });
    }
  });

  it('finds an edited row', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], tool: 'task_delete' };
    await expect(verifyChain(rows)).resolves.toMatchObject({ ok: false, checked: 2, first_bad_id: 'id-3' });
  });

  it('finds a deleted row at the row after the gap', async () => {
    const rows = chain(5);
    rows.splice(1, 1);
    await expect(verifyChain(rows)).resolves.toMatchObject({ ok: false, first_bad_id: 'id-3' });
  });

  it('finds reordered rows', async () => {
    const rows = chain(5);
    const [a, b] = [rows[1], rows[2]];
    rows[1] = { ...b, seq: 2 };
    rows[2] = { ...a, seq: 3 };
    await expect(verifyChain(rows)).resolves.toMatchObject({ ok: false, first_bad_id: 'id-3' });
  });

  it('verifies an export that starts mid-chain from its own first row', async () => {
    await expect(verifyChain(chain(6).slice(3), 'first')).resolves.toEqual({ ok: true, checked: 3 });
  });

  it('accepts a filtered export with --allow-gaps, but still checks each row and direct links', async () => {
    const rows = chain(8);
    const filtered = [rows[0], rows[1], rows[4], rows[6], rows[7]];
    await expect(verifyChain(filtered, 'first')).resolves.toMatchObject({ ok: false, first_bad_id: 'id-5' });
    await expect(verifyChain(filtered, 'first', { allowGaps: true })).resolves.toEqual({
      ok: true,
      checked: 5,
    });
    const edited = [...filtered];
    edited[2] = { ...edited[2], outcome: 'denied' };
    await expect(verifyChain(edited, 'first', { allowGaps: true })).resolves.toMatchObject({
      ok: false,
      first_bad_id: 'id-5',
    });
    const relinked = [...filtered];
    relinked[4] = { ...relinked[4], prev_hash: rows[5].hash.replace(/^./, '0') };
    await expect(verifyChain(relinked, 'first', { allowGaps: true })).resolves.toMatchObject({
      ok: false,
      first_bad_id: 'id-8',
    });
  });

  it('walks interleaved chains with one walker each', () => {
    const a = chain(3);
    const b = chain(3, 'other');
    const walkers = new Map<string, ChainWalker>();
    for (const record of [a[0], b[0], a[1], b[1], b[2], a[2]]) {
      const walker = walkers.get(record.organization_id) ?? new ChainWalker();
      walkers.set(record.organization_id, walker);
      expect(walker.next(record)).toBeNull();
    }
    expect(walkers.get('other')?.checked).toBe(3);
  });
});
