import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor } from '@gw/testing';
import { RetryStack, SPRINT_42, type CallEnvelope, type SandboxRequest } from './support';

const PER_MINUTE = 20;
const WINDOW_MS = 60_000;
const AGENTS = 60;
const MODES = ['postgres+redis', 'embedded'] as const;

interface Run {
  mode: (typeof MODES)[number];
  answers: CallEnvelope<{ id: string; name: string }>[];
  outcomes: CallEnvelope<{ id: string; name: string }>[];
  /** The gateway's requests to ClickUp during the run, as the sandbox logged them. */
  requests: SandboxRequest[];
  tasks: string[];
  names: string[];
}

/**
 * CONTRACTS §6 under load: three MCP servers on one connection (one ClickUp token), ClickUp allowing 20 requests a
 * minute, 60 agents creating a task each at the same moment. Every agent sees its task made (at once or as a queued
 * job it can follow), none sees a 429, exactly 60 tasks exist, and the run takes hardly longer than the limit itself
 * allows. Both storage modes run side by side, since each takes the limit's six minutes.
 */
describe('a rate-limited token shared by three MCP servers', () => {
  const envs = MODES.map((mode) => ({ mode, env: new RetryStack(mode) }));
  const runs = new Map<string, Run>();

  async function run(mode: Run['mode'], env: RetryStack): Promise<Run> {
    const clients: Client[] = [];
    for (let i = 0; i < 3; i++) clients.push((await env.server(`agent server ${i + 1}`)).client);
    await env.sandbox('PUT', '/_sandbox/rate-limit', { per_minute: PER_MINUTE });
    await env.sandbox('DELETE', '/_sandbox/requests');
    const names = Array.from({ length: AGENTS }, (_, i) => `Rate limited ${mode} ${i + 1}`);

    const agent = async (name: string, i: number) => {
      const client = clients[i % clients.length];
      const answer = await env.call<{ id: string; name: string }>(client, 'task_create', {
        list_id: SPRINT_42,
        name,
      });
      const jobId = answer.issues[0]?.job_id;
      if (answer.ok || !jobId) return { answer, outcome: answer };
      // As an agent would: ask about the job now and then until it is done.
      let outcome: CallEnvelope<{ id: string; name: string }> | undefined;
      await waitFor(
        async () => {
          const seen = await env.call<{ state: string; result: CallEnvelope<{ id: string; name: string }> }>(
            client,
            'retry_job_get',
            { job_id: jobId },
          );
          if (seen.result?.state === 'completed' || seen.result?.state === 'failed')
            outcome = seen.result.result;
          return seen.result?.state === 'completed' || seen.result?.state === 'failed';
        },
        { timeoutMs: 9 * WINDOW_MS, intervalMs: 5000, what: `job ${jobId}` },
      );
      return { answer, outcome: outcome as CallEnvelope<{ id: string; name: string }> };
    };
    const results = await Promise.all(names.map(agent));
    const failed = await env.stack.rest<{ items: unknown[] }>('GET', '/retry-jobs?state=failed');
    if (failed.body.items.length > 0)
      console.log(`dead letters (${mode}): ${JSON.stringify(failed.body.items)}`);
    const requests = await env.requests();
    const tasks = (await env.read<{ tasks: { name: string }[] }>(`/list/${SPRINT_42}/task?page=0`)).tasks
      .map((t) => t.name)
      .filter((n) => n.startsWith(`Rate limited ${mode} `));
    await Promise.allSettled(clients.map((c) => c.close()));
    return {
      mode,
      answers: results.map((r) => r.answer),
      outcomes: results.map((r) => r.outcome),
      requests,
      tasks,
      names,
    };
  }

  beforeAll(async () => {
    await Promise.all(envs.map(({ env }) => env.start()));
    const done = await Promise.all(envs.map(({ mode, env }) => run(mode, env)));
    for (const r of done) runs.set(r.mode, r);
  }, 12 * WINDOW_MS);
  afterAll(() => Promise.all(envs.map(({ env }) => env.stop())), 60_000);

  describe.each(MODES)('with %s', (mode) => {
    it('gives every agent its task, at once or as a queued job, and never a 429', () => {
      const r = runs.get(mode) as Run;
      for (const answer of r.answers) {
        if (!answer.ok) expect(answer.issues[0]).toMatchObject({ queued: true, job_id: expect.any(String) });
      }
      expect(r.outcomes.filter((o) => !o?.ok)).toEqual([]);
      expect(r.outcomes.map((o) => o.result?.name).sort()).toEqual([...r.names].sort());
    });

    it('creates exactly 60 tasks', () => {
      const r = runs.get(mode) as Run;
      expect([...r.tasks].sort()).toEqual([...r.names].sort());
    });

    it("keeps within ClickUp's limit and takes within 10% of the least time the limit allows", () => {
      const r = runs.get(mode) as Run;
      const limited = r.requests.filter((q) => q.status === 429);
      const served = r.requests.filter((q) => q.status !== 429);
      const times = served.map((q) => Date.parse(q.at));
      const elapsed = Math.max(...times) - Math.min(...times);
      // Fixed windows open at a token's first request: n requests need floor((n - 1) / limit) more windows.
      const minimum = Math.floor((served.length - 1) / PER_MINUTE) * WINDOW_MS;
      const efficiency = elapsed / minimum;
      console.log(
        `rate limit (${mode}): ${served.length} requests to ClickUp (${limited.length} answered 429), ` +
          `${(elapsed / 1000).toFixed(1)} s against a minimum of ${minimum / 1000} s: ${efficiency.toFixed(3)}x`,
      );
      expect(limited).toHaveLength(0);
      // What the calls need: a list read and a create per task, and the space list once per server and process.
      expect(served.filter((q) => q.method === 'POST')).toHaveLength(AGENTS);
      expect(served.length).toBeLessThanOrEqual(2 * AGENTS + 6);
      expect(efficiency).toBeLessThanOrEqual(1.1);
    });
  });
});
