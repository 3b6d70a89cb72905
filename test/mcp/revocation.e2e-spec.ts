import { AppProcess, freePort } from '@gw/testing';
import { Client as PgClient } from 'pg';
import { connectSandbox, createServer, rawPost, sandboxIds, type ProvisionedServer } from '../support/mcp';
import { Stack } from '../support/stack';

interface Sample {
  process: 'a' | 'b';
  server: string;
  sentAt: number;
  status: number;
}

const TOOLS_LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
/** Longer than the trailing window the previous cache polled (30 s): a change committed later than that was lost. */
const LATE_COMMIT_MS = 31_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Clients hammer one MCP URL on two api processes (a, b) of one database while process a revokes it. The revoke's
 * UPDATE waits on a row lock the test holds, so it commits long after its `updated_at` (a slow writer), and process
 * b reads the row while the revoke is pending (a cache miss racing the change).
 */
describe('a revoke seen by two api processes under load', () => {
  const stack = new Stack('postgres', { sandbox: true, worker: false });
  let second: AppProcess;
  let secondUrl: string;
  let connection: string;
  let workspace: string;

  beforeAll(async () => {
    await stack.start();
    const port = await freePort();
    second = AppProcess.start('api', { ...stack.env(), PORT: String(port) });
    await second.waitForLine(/^api listening on/);
    secondUrl = `http://127.0.0.1:${port}`;
    connection = await connectSandbox(stack);
    workspace = (await sandboxIds(stack)).acme;
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await stack.stop();
  }, 60_000);

  it('stops at once in the revoking process and within 1 s in the other, even when the revoke commits late', async () => {
    const warm = await createServer(stack, connection, { workspace_id: workspace });
    const cold = await createServer(stack, connection, { workspace_id: workspace });
    const samples: Sample[] = [];
    let running = true;
    const hammer = async (process: 'a' | 'b', base: string, server: ProvisionedServer) => {
      const url = `${base}/mcp/${server.token}`;
      while (running) {
        const sentAt = Date.now();
        const { status } = await rawPost(url, TOOLS_LIST);
        samples.push({ process, server: server.id, sentAt, status });
        await sleep(10);
      }
    };
    const loops = [
      hammer('a', stack.baseUrl, warm),
      hammer('a', stack.baseUrl, warm),
      hammer('b', secondUrl, warm),
      hammer('b', secondUrl, warm),
    ];

    const locker = new PgClient({ connectionString: stack.databaseUrl });
    await locker.connect();
    let revokedAt = 0;
    try {
      await sleep(1000);
      await locker.query('BEGIN');
      // Holds both rows the way a long transaction would; the revokes' UPDATEs wait behind it.
      await locker.query('SELECT 1 FROM mcp_servers WHERE id = ANY($1) FOR NO KEY UPDATE', [
        [warm.id, cold.id],
      ]);
      const revokes = [warm, cold].map((s) => stack.rest('DELETE', `/mcp-servers/${s.id}`));
      await sleep(500);
      // Process b reads the cold server for the first time while its revoke is pending.
      loops.push(hammer('b', secondUrl, cold), hammer('b', secondUrl, cold));
      await sleep(LATE_COMMIT_MS);
      await locker.query('COMMIT');
      expect((await Promise.all(revokes)).map((r) => r.status)).toEqual([204, 204]);
      revokedAt = Date.now();
      await sleep(2000);
    } finally {
      running = false;
      await Promise.all(loops);
      await locker.end();
    }

    const before = samples.filter((s) => s.sentAt < revokedAt - LATE_COMMIT_MS);
    expect(before.length).toBeGreaterThan(4);
    expect(before.every((s) => s.status === 200)).toBe(true);
    const pendingColdReads = samples.filter((s) => s.server === cold.id && s.sentAt < revokedAt - 1000);
    expect(pendingColdReads.some((s) => s.status === 200)).toBe(true);

    const after = samples.filter((s) => s.sentAt >= revokedAt);
    const late = (process: 'a' | 'b') =>
      Math.max(
        0,
        ...after.filter((s) => s.process === process && s.status === 200).map((s) => s.sentAt - revokedAt),
      );
    // A revoked URL is unknown (404); once the clients' address has spent its failure budget on it, the front door
    // refuses it before any lookup (429). Either way it is refused, never served.
    const refused = (s: { status: number }) => s.status === 404 || s.status === 429;
    // The revoking process answered its last 200 before the revoke's REST answer; the other within a second.
    expect(after.filter((s) => s.process === 'a' && !refused(s))).toEqual([]);
    console.log(`last 200 after the revoke: b +${late('b')} ms; requests ${samples.length}`);
    expect(late('b')).toBeLessThan(1000);
    expect(after.filter((s) => s.sentAt >= revokedAt + 1000).every(refused)).toBe(true);
    expect(after.filter((s) => s.process === 'a').length).toBeGreaterThan(2);
    expect(after.filter((s) => s.process === 'b').length).toBeGreaterThan(2);
  }, 90_000);
});
