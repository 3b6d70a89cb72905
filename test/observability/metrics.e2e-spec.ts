import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { parseExposition, sampleSum, type Exposition } from '@gw/metrics';
import { freePort, waitFor } from '@gw/testing';
import { FAST_RETRIES, RetryStack, SPRINT_42 } from '../retry/support';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/**
 * The metrics an operator alerts on move as the product is used: real MCP calls through the api against the
 * sandbox, scraped from the api's and the worker's `/metrics` and read with a parser of the exposition format.
 */
describe.each(['postgres+redis', 'embedded'] as const)(
  'Prometheus metrics of the api and the worker (%s)',
  (mode) => {
    let workerPort: number;
    let env: RetryStack;
    let client: Client;

    beforeAll(async () => {
      workerPort = await freePort();
      env = new RetryStack(mode, {
        ...FAST_RETRIES,
        METRICS_TOKEN,
        WORKER_METRICS_PORT: String(workerPort),
      });
      await env.start();
      ({ client } = await env.server('metrics server'));
    }, 180_000);
    afterAll(async () => {
      await client?.close();
      await env?.stop();
    }, 60_000);

    async function scrape(url: string): Promise<Exposition> {
      const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      return parseExposition(await res.text());
    }
    const api = () => scrape(`${env.stack.baseUrl}/metrics`);
    const worker = () => scrape(`http://127.0.0.1:${workerPort}/metrics`);

    it('counts a tool call by tool and outcome, and times it and its ClickUp request', async () => {
      const before = await api();
      const answer = await env.call(client, 'task_create', {
        list_id: SPRINT_42,
        name: `Metrics ${Date.now()}`,
      });
      expect(answer.ok).toBe(true);
      const after = await api();
      const delta = (name: string, labels: Record<string, string> = {}) =>
        sampleSum(after, name, labels) - sampleSum(before, name, labels);
      expect(delta('gateway_tool_calls_total', { tool: 'task_create', outcome: 'ok', app: 'api' })).toBe(1);
      expect(delta('gateway_mcp_request_duration_seconds_count', { method: 'tools/call' })).toBe(1);
      expect(
        delta('gateway_clickup_request_duration_seconds_count', { method: 'POST', status_class: '2xx' }),
      ).toBeGreaterThanOrEqual(1);
      expect(delta('gateway_audit_append_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(
        sampleSum(after, 'gateway_cache_lookups_total', { cache: 'server', result: 'hit' }),
      ).toBeGreaterThan(0);
    });

    it('shows a 429 from ClickUp, and the call still answered', async () => {
      // ClickUp's 429 names the end of its window; a short "minute" keeps the wait for it short.
      await env.sandbox('PUT', '/_sandbox/rate-limit', { per_minute: 10_000, window_ms: 2000 });
      const before = await api();
      await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 429, count: 1 });
      const answer = await env.call(client, 'task_create', {
        list_id: SPRINT_42,
        name: `Limited ${Date.now()}`,
      });
      expect(answer.ok || answer.issues[0]?.queued).toBeTruthy();
      // A call queued behind the 429 finishes before the next test makes ClickUp fail every create.
      const jobId = answer.issues[0]?.job_id;
      if (jobId) expect((await env.settled(jobId)).state).toBe('completed');
      const after = await api();
      expect(
        sampleSum(after, 'gateway_clickup_rate_limited_total') -
          sampleSum(before, 'gateway_clickup_rate_limited_total'),
      ).toBe(1);
      expect(
        sampleSum(after, 'gateway_clickup_request_duration_seconds_count', { status_class: '4xx' }) -
          sampleSum(before, 'gateway_clickup_request_duration_seconds_count', { status_class: '4xx' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('labels a call of a tool the catalog does not have as unknown, never by the name sent', async () => {
      await client.callTool({ name: 'no_such_tool_x9', arguments: {} }).catch(() => undefined);
      const after = await api();
      expect(JSON.stringify(after.samples)).not.toContain('no_such_tool_x9');
      expect(sampleSum(after, 'gateway_tool_calls_total', { tool: 'unknown' })).toBeGreaterThanOrEqual(1);
    });

    it('counts refused requests as security events by reason', async () => {
      const before = await api();
      await fetch(`${env.stack.baseUrl}/mcp/cmcp_${'z'.repeat(43)}`, { method: 'POST', body: '{}' });
      const after = await api();
      expect(
        sampleSum(after, 'gateway_security_events_total') -
          sampleSum(before, 'gateway_security_events_total'),
      ).toBeGreaterThanOrEqual(1);
    });

    it('reads queue depth and oldest job age by state on both processes', async () => {
      for (const exposition of [await api(), await worker()]) {
        expect(exposition.types.get('gateway_queue_jobs')).toBe('gauge');
        const states = exposition.samples
          .filter((s) => s.name === 'gateway_queue_jobs' && s.labels['queue'] === 'retries')
          .map((s) => s.labels['state']);
        expect(states).toEqual(expect.arrayContaining(['waiting', 'active', 'delayed', 'failed']));
        expect(
          exposition.samples.some(
            (s) => s.name === 'gateway_queue_oldest_job_age_seconds' && s.labels['state'] === 'waiting',
          ),
        ).toBe(true);
      }
    });

    it("serves the worker's metrics only with the token, and counts a dead letter and the ClickUp failures behind it", async () => {
      expect((await fetch(`http://127.0.0.1:${workerPort}/metrics`)).status).toBe(401);
      const before = await worker();
      await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1000 });
      try {
        const answer = await env.call(client, 'task_create', {
          list_id: SPRINT_42,
          name: `Doomed ${Date.now()}`,
        });
        const jobId = answer.issues[0]?.job_id as string;
        expect(jobId).toEqual(expect.any(String));
        expect((await env.settled(jobId)).state).toBe('failed');
      } finally {
        await env.sandbox('DELETE', '/_sandbox/faults');
      }
      let after = before;
      await waitFor(
        async () => {
          after = await worker();
          return sampleSum(after, 'gateway_dead_letters_total', { queue: 'retries' }) > 0;
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'the dead letter in the worker metrics' },
      );
      expect(
        sampleSum(after, 'gateway_dead_letters_total', { queue: 'retries', app: 'worker' }) -
          sampleSum(before, 'gateway_dead_letters_total', { queue: 'retries' }),
      ).toBe(1);
      expect(
        sampleSum(after, 'gateway_queued_call_endings_total', {
          tool: 'task_create',
          ending: 'dead_lettered',
        }) -
          sampleSum(before, 'gateway_queued_call_endings_total', {
            tool: 'task_create',
            ending: 'dead_lettered',
          }),
      ).toBe(1);
      expect(
        sampleSum(after, 'gateway_clickup_request_duration_seconds_count', {
          status_class: '5xx',
          app: 'worker',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sampleSum(after, 'gateway_audit_append_duration_seconds_count', { app: 'worker' }),
      ).toBeGreaterThanOrEqual(1);
      // The gauge reads the queue at most every five seconds.
      await waitFor(
        async () =>
          sampleSum(await worker(), 'gateway_queue_jobs', { queue: 'retries', state: 'failed' }) >= 1,
        { timeoutMs: 15_000, intervalMs: 1000, what: 'the failed job in the queue gauge' },
      );
    });
  },
);
