import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSandbox, createServer, INITIALIZE, rawPost, sandboxIds } from '../support/mcp';
import { Stack } from '../support/stack';
import { allEvents, auditVerify, exportText, type AuditEvent } from './support';

const CSV_HEADER =
  'seq,at,id,actor,action,tool,outcome,issue_codes,server_id,team_id,client_name,client_version,ip,user_agent,' +
  'upstream_status,duration_ms,job_id,request_id,trace_id,arguments,session_id,organization_id,prev_hash,hash,' +
  'actor_user_id,actor_email,oauth_client_id,clickup_user_id';

/** A minimal RFC 4180 reader, to check the CSV the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  return rows;
}

describe.each(['postgres', 'embedded'] as const)('exporting the audit log (%s)', (mode) => {
  const stack = new Stack(mode, { worker: false, sandbox: true });
  let dir: string;
  let events: AuditEvent[];
  /** An MCP URL that needs an API token: each call without one is a denied row in the organization's chain. */
  let guarded: string;

  beforeAll(async () => {
    await stack.start();
    dir = mkdtempSync(join(tmpdir(), 'gw-audit-export-'));
    const server = await createServer(stack, await connectSandbox(stack), {
      workspace_id: (await sandboxIds(stack)).acme,
      config: { methods: [], tags: [], require_api_token_auth: true },
    });
    guarded = server.url;
    for (let i = 0; i < 8; i++) {
      expect((await rawPost(guarded, INITIALIZE)).status).toBe(401);
      if (i % 3 === 1)
        await stack.rest('PATCH', '/settings', {
          audit_retention_days: 100 + i,
          confirm_audit_retention_days: 100 + i,
        });
    }
    await stack.rest('POST', '/teams', {
      name: '=HYPERLINK("http://evil.example","click"), "quoted"\nnewline',
    });
    await stack.rest('PATCH', '/settings', { audit_retention_days: 90, confirm_audit_retention_days: 90 });
    events = (await allEvents(stack)).reverse();
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }, 60_000);

  it('streams JSONL oldest first with every field and the hashes, and audit:verify accepts it', async () => {
    const res = await exportText(stack, 'jsonl');
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/x-ndjson/);
    const lines = res.text.trimEnd().split('\n');
    const exported = lines.map((l) => JSON.parse(l) as AuditEvent);
    // The export is recorded before it streams, so it holds its own row at the end.
    expect(exported.slice(0, events.length)).toEqual(events);
    expect(exported.at(-1)).toMatchObject({
      action: 'audit.export',
      arguments: { query: { format: 'jsonl' } },
    });
    for (let i = 1; i < exported.length; i++) expect(exported[i].prev_hash).toBe(exported[i - 1].hash);

    const file = join(dir, 'export.jsonl');
    writeFileSync(file, res.text);
    expect(auditVerify(file)).toEqual({ code: 0, out: `ok: ${exported.length} records verified` });

    const at = exported.findIndex((e) => e.outcome === 'denied');
    const target = exported[at];
    const edited = [...lines];
    edited[at] = JSON.stringify({ ...target, outcome: 'ok' });
    writeFileSync(join(dir, 'edited.jsonl'), edited.join('\n') + '\n');
    const editedRun = auditVerify(join(dir, 'edited.jsonl'));
    expect(editedRun.code).toBe(1);
    expect(editedRun.out).toContain(target.id);

    const dropped = lines.filter((_, i) => i !== 5);
    writeFileSync(join(dir, 'dropped.jsonl'), dropped.join('\n') + '\n');
    const droppedRun = auditVerify(join(dir, 'dropped.jsonl'));
    expect(droppedRun.code).toBe(1);
    expect(droppedRun.out).toContain(exported[6].id);
  });

  it('exports filtered JSONL that verifies with --allow-gaps, and only with it', async () => {
    const res = await exportText(stack, 'jsonl', { action: 'http POST /mcp/:token' });
    const lines = res.text.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const file = join(dir, 'filtered.jsonl');
    writeFileSync(file, res.text);
    expect(auditVerify(file, '--allow-gaps')).toEqual({
      code: 0,
      out: 'ok: 8 records verified (gaps allowed)',
    });
    // Settings changes sit between those rows, so without --allow-gaps the gaps are reported.
    expect(auditVerify(file)).toMatchObject({
      code: 1,
      out: expect.stringMatching(/missing or out of order/),
    });
  });

  it('streams CSV that a spreadsheet reads back exactly, with formulas defused', async () => {
    const res = await exportText(stack, 'csv', { action: 'teams.create' });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.text);
    expect(header.join(',')).toBe(CSV_HEADER);
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0][header.indexOf(name)];
    const event = events.find((e) => e.action === 'teams.create') as AuditEvent;
    expect(cell('id')).toBe(event.id);
    expect(cell('hash')).toBe(event.hash);
    expect(cell('prev_hash')).toBe(event.prev_hash);
    expect(Number(cell('seq'))).toBe(event.seq);
    expect(JSON.parse(cell('arguments'))).toEqual(event.arguments);
    expect(JSON.parse(cell('issue_codes'))).toEqual([]);
  });

  it('defuses cells a spreadsheet would run as formulas', async () => {
    await rawPost(guarded, INITIALIZE, { 'user-agent': '=cmd|calc' });
    const res = await exportText(stack, 'csv', { action: 'http POST /mcp/:token' });
    const [header, ...rows] = parseCsv(res.text);
    const agents = rows.map((r) => r[header.indexOf('user_agent')]);
    expect(agents).toContain("'=cmd|calc");
  });
});
