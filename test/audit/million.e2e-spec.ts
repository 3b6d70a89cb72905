import { sha256Hex } from '@gw/security';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { Stack } from '../support/stack';
import { queryString, type AuditPage, type Filters } from './support';

/*
 * The review API on a table of 1,000,000 audit events: query latency and export memory. PostgreSQL only: seeding a
 * million rows into the embedded PGlite takes minutes, and the embedded database is for trying the product, not for
 * a year of audit history.
 */

const ROWS = 1_000_000;
const ORG = randomUUID();
const TOKEN = `cgw_${randomUUID()}`;
const SERVERS = Array.from({ length: 20 }, (_, i) => i);
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

/**
 * Deterministic, skewed like real traffic (mostly tool calls and successes, a few admin actions and denials), with
 * each attribute drawn from its own hash so that combinations occur as often as chance makes them.
 */
const SEED = `
INSERT INTO audit_events (id, organization_id, seq, at, server_id, team_id, actor, client_name, client_version,
  session_id, ip, user_agent, action, tool, arguments, outcome, issue_codes, upstream_status, duration_ms, job_id,
  request_id, prev_hash, hash)
SELECT uuid4(md5($1 || i)), $1::uuid, i, now() - (${ROWS} - i) * interval '2 seconds',
  uuid4(md5($1 || 's' || b.server)),
  CASE WHEN b.team = 0 THEN NULL ELSE uuid4(md5($1 || 't' || b.team)) END,
  CASE WHEN b.kind < 2 THEN 'token:' || uuid4(md5($1 || 'a' || b.admin)) ELSE 'mcp:' || uuid4(md5($1 || 's' || b.server)) END,
  (ARRAY['claude-ai','cursor','chatgpt','vscode','inspector'])[1 + b.client], '1.0', NULL, '10.0.0.' || (i % 250),
  'agent/1.0',
  CASE WHEN i % 100000 = 3 THEN 'audit.export' WHEN b.kind < 2 THEN 'mcp_servers.update'
       WHEN b.kind < 12 THEN 'tools/list' WHEN b.kind < 22 THEN 'initialize' ELSE 'tools/call' END,
  CASE WHEN b.kind < 22 OR i % 100000 = 3 THEN NULL ELSE 'tool_' || b.tool END,
  jsonb_build_object('task_id', 'T' || i, 'note', (ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + b.word] || ' ' || b.number),
  CASE WHEN b.outcome < 85 THEN 'ok' WHEN b.outcome < 93 THEN 'error' WHEN b.outcome < 98 THEN 'denied' ELSE 'queued' END,
  '[]'::jsonb, 200, i % 500, NULL, 'req-' || i, md5('p' || i) || md5('q' || i), md5('h' || i) || md5('k' || i)
FROM generate_series($2::int, $3::int) AS i,
LATERAL (SELECT
  (hashtext('s' || i) & 2147483647) % 20 AS server, (hashtext('t' || i) & 2147483647) % 5 AS team,
  (hashtext('k' || i) & 2147483647) % 100 AS kind, (hashtext('a' || i) & 2147483647) % 3 AS admin,
  (hashtext('c' || i) & 2147483647) % 5 AS client, (hashtext('u' || i) & 2147483647) % 60 AS tool,
  (hashtext('w' || i) & 2147483647) % 8 AS word, (hashtext('n' || i) & 2147483647) % 1000 AS number,
  (hashtext('o' || i) & 2147483647) % 100 AS outcome) AS b`;

/** A version-4-shaped UUID from an md5, the same in SQL (`uuid4`) and here. */
const UUID4 = `CREATE FUNCTION uuid4(h text) RETURNS uuid IMMUTABLE LANGUAGE sql AS
  $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid $$`;
const uuidOf = (text: string) => {
  const h = createHash('md5').update(text).digest('hex');
  const v4 = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe('the audit log at 1,000,000 rows (PostgreSQL)', () => {
  const stack = new Stack('postgres', { worker: false });
  const connect = async () => {
    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    return db;
  };

  beforeAll(async () => {
    await stack.start();
    const db = await connect();
    try {
      await db.query("INSERT INTO organizations (id, name) VALUES ($1, 'Big Corp')", [ORG]);
      await db.query(UUID4);
      await db.query(
        "INSERT INTO api_tokens (id, organization_id, name, role, token_hash, token_prefix) VALUES ($1, $2, 'auditor', 'auditor', $3, 'cgw_')",
        [randomUUID(), ORG, sha256Hex(TOKEN)],
      );
      // Bulk loading is fastest without indexes: drop them, load in two halves at once, and rebuild them from the
      // migration's own definitions, so the queries below run against exactly the production index set.
      const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_events'",
      );
      const { rows: constraints } = await db.query<{ conname: string; def: string }>(
        "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'audit_events'::regclass",
      );
      for (const c of constraints) await db.query(`ALTER TABLE audit_events DROP CONSTRAINT "${c.conname}"`);
      for (const i of indexes) await db.query(`DROP INDEX IF EXISTS "${i.indexname}"`);
      const half = ROWS / 2;
      await Promise.all(
        [1, half + 1].map(async (from) => {
          const part = await connect();
          await part.query(SEED, [ORG, from, from + half - 1]);
          await part.end();
        }),
      );
      const rebuild = [
        ...indexes.filter((i) => i.indexname.includes('trgm')).map((i) => i.indexdef),
        ...constraints.map((c) => `ALTER TABLE audit_events ADD CONSTRAINT "${c.conname}" ${c.def}`),
        ...indexes
          .filter((i) => !i.indexname.includes('trgm') && !constraints.some((c) => c.conname === i.indexname))
          .map((i) => i.indexdef),
      ];
      await Promise.all(
        [0, 1].map(async () => {
          const worker = await connect();
          await worker.query("SET maintenance_work_mem = '256MB'");
          for (let statement = rebuild.shift(); statement; statement = rebuild.shift())
            await worker.query(statement);
          await worker.end();
        }),
      );
      await db.query('ANALYZE audit_events');
      const [last] = (
        await db.query<{ hash: string }>(
          'SELECT hash FROM audit_events WHERE organization_id = $1 AND seq = $2',
          [ORG, ROWS],
        )
      ).rows;
      await db.query(
        'INSERT INTO audit_chains (organization_id, last_seq, last_hash, anchor_seq, anchor_hash) VALUES ($1, $2, $3, 1, $4)',
        [ORG, ROWS, last.hash, '0'.repeat(64)],
      );
    } finally {
      await db.end();
    }
  }, 150_000);
  afterAll(() => stack.stop(), 60_000);

  const get = async (filters: Filters) => {
    const started = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/v1/audit-events${queryString(filters)}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await res.json()) as AuditPage;
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${JSON.stringify(filters)} answered ${res.status}`);
    return { ms, body };
  };

  it('answers filtered queries with p95 under 100 ms', async () => {
    const server = (i: number) => uuidOf(`${ORG}s${i}`);
    const team = (i: number) => uuidOf(`${ORG}t${i}`);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const queries: Filters[] = [
      {},
      { limit: 10 },
      { limit: 200 },
      ...SERVERS.slice(0, 6).map((i) => ({ server_id: server(i) })),
      ...[1, 2, 3].map((i) => ({ team_id: team(i) })),
      ...['tool_3', 'tool_17', 'tool_42', 'tool_59', 'tool_does_not_exist'].map((tool) => ({ tool })),
      ...['ok', 'error', 'denied', 'queued'].map((outcome) => ({ outcome })),
      { actor: `mcp:${server(7)}` },
      { actor: `token:${uuidOf(`${ORG}a1`)}` },
      { actor: 'user:nobody' },
      ...['tools/list', 'initialize', 'mcp_servers.update', 'audit.export'].map((action) => ({ action })),
      ...['claude-ai', 'cursor', 'inspector', 'unknown-client'].map((client) => ({ client })),
      { from: hoursAgo(1) },
      { from: hoursAgo(30), to: hoursAgo(29) },
      { from: hoursAgo(300), to: hoursAgo(290) },
      { to: hoursAgo(500) },
      { from: hoursAgo(540), to: hoursAgo(530) },
      ...['alpha', 'hotel 99', 'T123456', 'T99999', 'nothing-like-this'].map((q) => ({ q })),
      { server_id: server(3), tool: 'tool_23' },
      { tool: 'tool_5', outcome: 'denied' },
      { client: 'cursor', outcome: 'error', from: hoursAgo(48) },
      { server_id: server(1), q: 'delta' },
      { actor: `mcp:${server(2)}`, from: hoursAgo(100), to: hoursAgo(90) },
      { team_id: team(1), client: 'chatgpt', outcome: 'queued' },
      { action: 'tools/call', outcome: 'denied', tool: 'tool_11' },
      { action: 'initialize', tool: 'tool_3' },
      { server_id: server(4), outcome: 'queued', q: 'echo' },
      { cursor: String(ROWS / 2) },
      { cursor: '1000', limit: 500 },
      { cursor: String(ROWS / 2), tool: 'tool_30' },
      { cursor: String(ROWS / 4), outcome: 'denied', client: 'vscode' },
    ];
    expect(queries.length).toBeGreaterThanOrEqual(50);
    for (const filters of queries.slice(0, 10)) await get(filters);
    // Each query's latency is the median of three runs, so a moment of contention on a shared machine does not
    // decide it; the three runs are in separate passes, so no run finds its own pages freshly cached.
    const runs: number[][] = queries.map(() => []);
    const items: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const [i, filters] of queries.entries()) {
        const { ms, body } = await get(filters);
        runs[i].push(ms);
        items[i] = body.items.length;
      }
    }
    const timings = queries.map((filters, i) => ({
      filters,
      ms: [...runs[i]].sort((a, b) => a - b)[1],
      items: items[i],
    }));
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `audit queries on ${ROWS} rows: ${queries.length} queries (median of 3 runs each), p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `max ${sorted.at(-1)?.toFixed(1)} ms; slowest: ${slowest
          .map((t) => `${JSON.stringify(t.filters)} ${t.ms.toFixed(0)} ms`)
          .join('; ')}`,
    );
    expect(timings.find((t) => t.filters.tool === 'tool_3')?.items).toBe(50);
    expect(timings.find((t) => t.filters.q === 'nothing-like-this')?.items).toBe(0);
    expect(p95).toBeLessThan(100);
  }, 120_000);

  it('exports all 1,000,000 rows as JSONL in bounded memory', async () => {
    const pid = stack.api.pid as number;
    const before = rssMb(pid);
    let peak = before;
    const timeline: number[] = [];
    const sampler = setInterval(() => {
      const now = rssMb(pid);
      peak = Math.max(peak, now);
      timeline.push(Math.round(now));
    }, 100);
    const started = performance.now();
    const res = await fetch(`${stack.baseUrl}/api/v1/audit-events/export?format=jsonl`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    let lines = 0;
    let bytes = 0;
    let firstSeq: number | undefined;
    let tail = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      const text = tail + decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      tail = parts.pop() ?? '';
      if (firstSeq === undefined && parts[0]) firstSeq = (JSON.parse(parts[0]) as { seq: number }).seq;
      lines += parts.length;
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `audit export of ${lines} rows (${(bytes / 1e6).toFixed(0)} MB) in ${seconds.toFixed(1)} s: api RSS ` +
        `${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB); ` +
        `every second: ${timeline.filter((_, i) => i % 10 === 0).join(' ')}`,
    );
    expect(firstSeq).toBe(1);
    // Every seeded row, plus the export's own audit row, appended before it streamed.
    expect(lines).toBe(ROWS + 1);
    expect(peak - before).toBeLessThan(100);
  }, 150_000);
});
