import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from './audit-record';
import { canonicalJson } from './canonical-json';
import { verifyChain } from './verify-chain';

function chain(n: number): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row: Omit<AuditRecord, 'hash'> = {
      id: `id-${seq}`,
      seq,
      at: new Date(1_700_000_000_000 + seq).toISOString(),
      organization_id: 'org',
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
});
