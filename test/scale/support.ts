import { REPO_ROOT } from '@gw/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INITIALIZE } from '../support/mcp';
import { modernHeaders, modernMeta } from '../support/mcp-2026';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A positive integer from the environment, or the default; anything else stops the suite with the reason. */
export function sizeFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new Error(`${name} must be an integer from 1 to ${max}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The p-th percentile (0–100) of some durations, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The figures a run measured, by scenario; written to tmp/scaling-figures.json for docs/scaling.md. */
export class Figures {
  private readonly data: Record<string, Record<string, unknown>> = {};

  set(scenario: string, values: Record<string, unknown>): void {
    this.data[scenario] = { ...this.data[scenario], ...values };
    console.log(`${scenario}: ${JSON.stringify(values)}`);
  }

  write(extra: Record<string, unknown>): string {
    const file = join(REPO_ROOT, 'tmp', 'scaling-figures.json');
    mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...extra, ...this.data }, null, 2)}\n`);
    return file;
  }
}

/** What one HTTP attempt at a JSON-RPC call came back with. */
export interface Attempt {
  /** The HTTP status, or 0 when the connection failed or broke before an answer. */
  status: number;
  /** The JSON-RPC body, when the answer was one. */
  body: Record<string, unknown> | null;
}

/** One JSON-RPC POST that never throws: a broken connection or a proxy's HTML error page is an answer too. */
export async function attempt(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Attempt> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(payload),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

/** How an MCP client of one protocol generation sends a tools/call with plain HTTP. */
export interface RawClient {
  readonly protocol: '2025-11-25' | '2026-07-28';
  call(name: string, args: Record<string, unknown>): Promise<Attempt>;
}

/** A 2026-07-28 client: stateless, every request carrying its version and method. */
export function modernRawClient(url: string): RawClient {
  let id = 0;
  return {
    protocol: '2026-07-28',
    call: (name, args) =>
      attempt(
        url,
        {
          jsonrpc: '2.0',
          id: ++id,
          method: 'tools/call',
          params: { _meta: modernMeta(), name, arguments: args },
        },
        modernHeaders('tools/call', name),
      ),
  };
}

/** A 2025-11-25 client: one session, initialized once, its id sent with every request. */
export async function sessionRawClient(url: string): Promise<RawClient> {
  const init = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      ...INITIALIZE,
      params: { ...INITIALIZE.params, protocolVersion: '2025-11-25' },
    }),
  });
  const session = init.headers.get('mcp-session-id');
  if (init.status !== 200 || !session) throw new Error(`initialize answered ${init.status}`);
  const headers = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
  await attempt(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  let id = 1;
  return {
    protocol: '2025-11-25',
    call: (name, args) =>
      attempt(
        url,
        { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } },
        headers,
      ),
  };
}

/** The envelope of an answered tools/call, or null when the attempt got none. */
export function envelopeOf(answer: Attempt): { ok: boolean; issues: { code: string }[] } | null {
  const result = answer.body?.['result'] as {
    structuredContent?: { ok: boolean; issues: { code: string }[] };
  };
  return answer.status === 200 && result?.structuredContent ? result.structuredContent : null;
}
