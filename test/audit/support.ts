import type { AuditRecord } from '@gw/audit-chain';
import { REPO_ROOT } from '@gw/testing';
import { spawnSync } from 'node:child_process';
import { Client as PgClient } from 'pg';
import { INITIALIZE, rawPost } from '../support/mcp';
import { ADMIN, type Stack } from '../support/stack';

/** An audit event as the REST API returns it (CONTRACTS §7): the hashed record itself. */
export type AuditEvent = AuditRecord;

export interface AuditPage {
  items: AuditEvent[];
  next_cursor: string | null;
}

export interface Verdict {
  ok: boolean;
  checked: number;
  first_bad_id?: string;
  reason?: string;
}

export type Filters = Record<string, string | number | undefined>;

export function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function page(stack: Stack, filters: Filters = {}, token = ADMIN.apiToken): Promise<AuditPage> {
  const res = await stack.rest<AuditPage>('GET', `/audit-events${queryString(filters)}`, undefined, token);
  if (res.status !== 200) throw new Error(`audit list answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every matching event, newest first, following next_cursor. */
export async function allEvents(stack: Stack, filters: Filters = {}, token = ADMIN.apiToken) {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const body = await page(stack, { ...filters, limit: 500, cursor }, token);
    events.push(...body.items);
    if (!body.next_cursor) return events;
    cursor = body.next_cursor;
  }
}

/** The events recorded after `seq`, oldest first. */
export async function eventsSince(stack: Stack, seq: number, token = ADMIN.apiToken): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const body = await page(stack, { limit: 500, cursor }, token);
    const newer = body.items.filter((e) => e.seq > seq);
    events.push(...newer);
    if (!body.next_cursor || newer.length < body.items.length) return events.reverse();
    cursor = body.next_cursor;
  }
}

export async function newestSeq(stack: Stack, token = ADMIN.apiToken): Promise<number> {
  return (await page(stack, { limit: 1 }, token)).items[0]?.seq ?? 0;
}

export async function verify(stack: Stack, token = ADMIN.apiToken): Promise<Verdict> {
  const res = await stack.rest<Verdict>('GET', '/audit-events/verify', undefined, token);
  if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
  return res.body;
}

export async function exportText(
  stack: Stack,
  format: 'csv' | 'jsonl',
  filters: Filters = {},
  token = ADMIN.apiToken,
): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(
    `${stack.baseUrl}/api/v1/audit-events/export${queryString({ ...filters, format })}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** An API token of the given role, made by the owner through the REST API. */
export async function apiToken(stack: Stack, role: string, extra: Record<string, unknown> = {}) {
  const res = await stack.rest<{ id: string; token: string }>('POST', '/api-tokens', {
    name: `${role} token`,
    role,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`token not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Raw SQL on the stack's database, the way someone with database access (and no API) would tamper with it. */
export async function sql<T = Record<string, unknown>>(
  stack: Stack,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    return (await db.query(query, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/** Counts of `action outcome` pairs, for exact comparisons. */
export function tally(events: AuditEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[`${e.action} ${e.outcome}`] = (counts[`${e.action} ${e.outcome}`] ?? 0) + 1;
  return counts;
}

/** A seeded sandbox list's id, found the way ClickUp exposes it (space → folders → lists). */
export async function sandboxListId(stack: Stack, spaceId: string, name: string): Promise<string> {
  const res = await fetch(`${stack.sandboxUrl}/api/v2/space/${spaceId}/folder`, {
    headers: { authorization: 'pk_sandbox_owner' },
  });
  const { folders } = (await res.json()) as { folders: { lists: { id: string; name: string }[] }[] };
  const list = folders.flatMap((f) => f.lists).find((l) => l.name === name);
  if (!list) throw new Error(`no list ${name} in space ${spaceId}`);
  return list.id;
}

/** An MCP session opened with raw JSON-RPC, so every request it makes is one known audit row. */
export async function mcpSession(url: string, client = { name: 'audit-e2e', version: '1.0' }) {
  const init = await rawPost(url, { ...INITIALIZE, params: { ...INITIALIZE.params, clientInfo: client } });
  if (init.status !== 200) throw new Error(`initialize answered ${init.status}`);
  const headers = { 'mcp-session-id': init.headers.get('mcp-session-id') as string };
  let id = 1;
  return {
    async call(name: string, args: Record<string, unknown>) {
      const res = await rawPost(
        url,
        { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } },
        headers,
      );
      return res.body?.['result'] as { structuredContent: { ok: boolean } } | undefined;
    },
    async list() {
      return rawPost(url, { jsonrpc: '2.0', id: ++id, method: 'tools/list' }, headers);
    },
  };
}

/** `npm run audit:verify -- <file> [--allow-gaps]`, as an auditor would run it. */
export function auditVerify(file: string, ...flags: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', file, ...flags], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}`.trim().split('\n').at(-1) ?? '' };
}
