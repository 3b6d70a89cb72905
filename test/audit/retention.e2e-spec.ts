import { appendAuditRecords, type UnsequencedRecord } from '@gw/audit-chain';
import { sha256Hex } from '@gw/security';
import { waitFor } from '@gw/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { Stack } from '../support/stack';
import { allEvents, auditVerify, exportText, sql, verify } from './support';

const DAY = 86_400_000;

describe.each(['postgres', 'embedded'] as const)('audit retention (%s)', (mode) => {
  const stack = new Stack(mode);
  const organizationId = randomUUID();
  const token = `cgw_${randomUUID()}`;
  const tokenId = randomUUID();

  /** An organization whose chain began long ago, as if the gateway had been running for a year. */
  beforeAll(async () => {
    await stack.start();
    await sql(stack, "INSERT INTO organizations (id, name) VALUES ($1, 'Old Corp')", [organizationId]);
    await sql(
      stack,
      "INSERT INTO api_tokens (id, organization_id, name, role, token_hash, token_prefix) VALUES ($1, $2, 'ops', 'owner', $3, 'cgw_')",
      [tokenId, organizationId, sha256Hex(token)],
    );
    const ages = [...Array(30).fill(400), ...Array(10).fill(100), ...Array(5).fill(1)] as number[];
    const records: UnsequencedRecord[] = ages.map((age, i) => ({
      id: randomUUID(),
      at: new Date(Date.now() - age * DAY + i).toISOString(),
      organization_id: organizationId,
      server_id: null,
      team_id: null,
      actor: 'mcp:history',
      client_name: 'claude-ai',
      client_version: '1',
      session_id: null,
      ip: '10.0.0.1',
      user_agent: null,
      action: 'tools/call',
      tool: 'task_get',
      arguments: { task_id: `t${i}` },
      outcome: 'ok',
      issue_codes: [],
      upstream_status: 200,
      duration_ms: 40,
      job_id: null,
      request_id: null,
    }));
    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      await db.query('BEGIN');
      await appendAuditRecords({ query: async (q, p) => (await db.query(q, p)).rows }, records);
      await db.query('COMMIT');
    } finally {
      await db.end();
    }
  }, 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('keeps a year by default', async () => {
    expect((await stack.rest('GET', '/settings', undefined, token)).body).toMatchObject({
      audit_retention_days: 365,
    });
    expect(await verify(stack, token)).toEqual({ ok: true, checked: 45 });
  });

  it('purges past the retention period, moves the anchor, records the purge, and the chain still verifies', async () => {
    expect(
      (
        await stack.rest(
          'PATCH',
          '/settings',
          { audit_retention_days: 30, confirm_audit_retention_days: 30 },
          token,
        )
      ).status,
    ).toBe(200);
    const run = await stack.rest<{ job_id: string }>(
      'POST',
      '/settings/audit-retention/run',
      undefined,
      token,
    );
    expect(run.status).toBe(202);
    const job = await waitFor(
      async () => {
        const res = await stack.rest<{ state: string; result?: unknown; failed_reason?: string }>(
          'GET',
          `/maintenance/jobs/${run.body.job_id}`,
          undefined,
          token,
        );
        // The queue can report `completed` a moment before the job's return value is readable.
        return res.body.state === 'failed' || res.body.result ? res.body : undefined;
      },
      { timeoutMs: 30_000, what: 'the retention job' },
    );
    expect(job).toMatchObject({ state: 'completed', result: { organizations: 1, purged: 40 } });

    const events = await allEvents(stack, {}, token);
    const cutoff = Date.now() - 30 * DAY;
    expect(events.filter((e) => Date.parse(e.at) < cutoff)).toEqual([]);
    expect(Math.min(...events.map((e) => e.seq))).toBe(41);
    expect(events.map((e) => e.action).slice(0, 3)).toEqual([
      'audit.purge',
      'settings.run_audit_retention',
      'settings.update',
    ]);
    expect(events[0]).toMatchObject({
      actor: `token:${tokenId}`,
      outcome: 'ok',
      arguments: { purged: 40, retention_days: 30, anchor_seq: 41 },
    });
    const [chain] = await sql<{ anchor_seq: string }>(
      stack,
      'SELECT anchor_seq FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    );
    expect(Number(chain.anchor_seq)).toBe(41);
    expect(await verify(stack, token)).toEqual({ ok: true, checked: events.length });

    // An export after the purge starts at the anchor, and still checks out offline from its first row.
    const exported = await exportText(stack, 'jsonl', {}, token);
    expect(exported.text.split('\n')[0]).toContain('"seq":41');
    const dir = mkdtempSync(join(tmpdir(), 'gw-retention-'));
    writeFileSync(join(dir, 'after-purge.jsonl'), exported.text);
    expect(auditVerify(join(dir, 'after-purge.jsonl'))).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^ok: /),
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the other organizations untouched', async () => {
    expect(await verify(stack)).toMatchObject({ ok: true });
    const [{ n }] = await sql<{ n: number }>(
      stack,
      'SELECT count(*)::int AS n FROM audit_events WHERE organization_id <> $1 AND action = $2',
      [organizationId, 'audit.purge'],
    );
    expect(n).toBe(0);
  });
});
