import { waitFor } from '@gw/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import {
  callTool,
  connectClient,
  connectSandbox,
  createServer,
  INITIALIZE,
  sandboxIds,
} from '../support/mcp';
import { Stack, type StackMode } from '../support/stack';
import { auditRowCount, countsByReason } from './support';

const MCP_FLOOD = 200_000;
const LOGIN_FLOOD = 5_000;
const CONCURRENCY = 32;
const ATTACKER = '127.0.0.2';
const RSS_GROWTH_LIMIT_MB = 20;
/**
 * Each flood stops at its count or after its time, whichever comes first, so the suite stays bounded on a busy
 * machine; the figures printed say how many requests were actually sent.
 */
const MCP_FLOOD_MS = 150_000;
/** Requests before the first memory reading, so it is taken at the steady state of the refusal path. */
const WARM_UP = 10_000;
const LOGIN_FLOOD_MS = 45_000;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** Sends `total` requests from the attacker's address, `CONCURRENCY` at a time, and tallies the statuses. */
async function flood(
  agent: Agent,
  total: number,
  next: () => { url: string; body: string; headers: Record<string, string> },
  withinMs = Infinity,
) {
  const statuses: Record<number, number> = {};
  const deadline = Date.now() + withinMs;
  let sent = 0;
  const worker = async () => {
    while (sent < total && Date.now() < deadline) {
      sent++;
      const { url, body, headers } = next();
      const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
      await res.body.dump();
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

describe.each<StackMode>(['embedded', 'postgres+redis'])('an attack on the front door (%s)', (mode) => {
  const stack = new Stack(mode, { sandbox: true, worker: false });
  const attacker = new Agent({ localAddress: ATTACKER, connections: CONCURRENCY, pipelining: 1 });

  beforeAll(() => stack.start(), 120_000);
  afterAll(async () => {
    await attacker.close();
    await stack.stop();
  }, 60_000);

  it(`${MCP_FLOOD} random MCP URLs and ${LOGIN_FLOOD} failed sign-ins from one address: 429s, no audit row, flat memory, and a legitimate agent unaffected`, async () => {
    const connection = await connectSandbox(stack);
    const server = await createServer(stack, connection, {
      name: 'legitimate agent',
      workspace_id: (await sandboxIds(stack)).acme,
    });
    const client = await connectClient(server.url);
    // Warm up both paths (JIT, pools, the first failures' lookups) before the first memory reading.
    await callTool(client, 'workspace_list');
    const warmUp = await flood(attacker, WARM_UP, () => ({
      url: `${stack.baseUrl}/mcp/cmcp_${randomBytes(32).toString('base64url')}`,
      body: JSON.stringify(INITIALIZE),
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    }));
    expect(warmUp[429]).toBeGreaterThan(0);

    const pid = stack.api.pid as number;
    const rssBefore = rssMb(pid);
    const auditBefore = await auditRowCount(stack);
    const started = Date.now();

    let attacking = true;
    const legitimate = { calls: 0, failed: [] as string[] };
    const agentLoop = (async () => {
      while (attacking) {
        const envelope = await callTool(client, 'workspace_list').catch((e: Error) => ({
          ok: false,
          issues: [{ code: 'CLIENT', message: e.message }],
        }));
        legitimate.calls++;
        if (!envelope.ok) legitimate.failed.push(JSON.stringify(envelope.issues));
        await new Promise((r) => setTimeout(r, 1_500));
      }
    })();

    const mcpStatuses = await flood(
      attacker,
      MCP_FLOOD,
      () => ({
        url: `${stack.baseUrl}/mcp/cmcp_${randomBytes(32).toString('base64url')}`,
        body: JSON.stringify(INITIALIZE),
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      }),
      MCP_FLOOD_MS,
    );
    const loginStatuses = await flood(
      attacker,
      LOGIN_FLOOD,
      () => ({
        url: `${stack.baseUrl}/api/v1/auth/login`,
        body: JSON.stringify({
          email: `victim${Math.floor(Math.random() * 50)}@example.com`,
          password: randomBytes(12).toString('hex'),
        }),
        headers: { 'content-type': 'application/json' },
      }),
      LOGIN_FLOOD_MS,
    );
    attacking = false;
    await agentLoop;
    const seconds = (Date.now() - started) / 1000;
    const sum = (statuses: Record<number, number>) => Object.values(statuses).reduce((a, b) => a + b, 0);
    const mcpSent = sum(mcpStatuses);
    const loginSent = sum(loginStatuses);
    // Let the collector catch up with the flood's garbage: what stays is what the attack retained.
    await new Promise((r) => setTimeout(r, 3_000));
    const rssAfter = rssMb(pid);
    await client.close();

    const auditAdded = (await auditRowCount(stack)) - auditBefore;
    const figures = {
      mode,
      seconds: Math.round(seconds),
      requests_per_second: Math.round((mcpSent + loginSent) / seconds),
      mcp: mcpStatuses,
      login: loginStatuses,
      rss_before_mb: Math.round(rssBefore),
      rss_after_mb: Math.round(rssAfter),
      legitimate_calls: legitimate.calls,
      audit_rows_added: auditAdded,
    };
    console.log(`abuse figures: ${JSON.stringify(figures)}`);

    expect(legitimate.failed).toEqual([]);
    expect(legitimate.calls).toBeGreaterThan(5);
    // The agent's tool calls are the only rows: none for the attacker, in any organization's chain.
    expect(auditAdded).toBe(legitimate.calls);
    expect(mcpStatuses[429]).toBeGreaterThan(mcpSent * 0.9);
    expect(loginStatuses[429]).toBeGreaterThan(loginSent * 0.9);
    expect(Object.keys(mcpStatuses).sort()).toEqual(expect.arrayContaining(['429']));
    expect(
      Object.keys({ ...mcpStatuses, ...loginStatuses }).filter((s) => !['401', '404', '429'].includes(s)),
    ).toEqual([]);
    expect(rssAfter - rssBefore).toBeLessThanOrEqual(RSS_GROWTH_LIMIT_MB);

    // Counted, not stored one by one: a handful of rows per minute for the whole attack.
    const counts = await waitFor(
      async () => {
        const c = await countsByReason(stack, ATTACKER);
        const counted = (c['rate_limited'] ?? 0) + (c['mcp_unknown_token'] ?? 0) + (c['login_failed'] ?? 0);
        return counted >= mcpSent + loginSent + WARM_UP ? c : undefined;
      },
      { what: 'the attack counted as security events' },
    );
    expect(counts['rate_limited']).toBeGreaterThan(mcpSent * 0.9);
  }, 480_000);
});
