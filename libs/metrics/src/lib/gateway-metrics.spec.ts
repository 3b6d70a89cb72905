import { parseExposition, sampleSum } from './exposition';
import { GatewayMetrics } from './gateway-metrics';
import type { MeasuredQueue, QueueState } from './queue-gauges';

async function scraped(metrics: GatewayMetrics) {
  return parseExposition(await metrics.scrape());
}

describe('GatewayMetrics', () => {
  it('counts tool calls by tool and outcome, and an unknown tool name never becomes a label value', async () => {
    const metrics = new GatewayMetrics('api');
    metrics.toolCall('task_get', true, 'ok');
    metrics.toolCall('task_get', true, 'ok');
    metrics.toolCall('<script>', false, 'error');
    const exposition = await scraped(metrics);
    expect(
      sampleSum(exposition, 'gateway_tool_calls_total', { tool: 'task_get', outcome: 'ok', app: 'api' }),
    ).toBe(2);
    expect(sampleSum(exposition, 'gateway_tool_calls_total', { tool: 'unknown', outcome: 'error' })).toBe(1);
    expect(JSON.stringify(exposition.samples)).not.toContain('<script>');
  });

  it('classes ClickUp answers by status and counts 429s apart', async () => {
    const metrics = new GatewayMetrics('worker');
    metrics.clickupRequest('GET', 200, 0.02);
    metrics.clickupRequest('POST', 429, 0.01);
    metrics.clickupRequest('PUT', null, 5);
    metrics.clickupRequest('weird', 503, 0.3);
    const exposition = await scraped(metrics);
    const count = (labels: Record<string, string>) =>
      sampleSum(exposition, 'gateway_clickup_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', status_class: '2xx' })).toBe(1);
    expect(count({ method: 'POST', status_class: '4xx' })).toBe(1);
    expect(count({ method: 'PUT', status_class: 'error' })).toBe(1);
    expect(count({ method: 'OTHER', status_class: '5xx' })).toBe(1);
    expect(sampleSum(exposition, 'gateway_clickup_rate_limited_total', { app: 'worker' })).toBe(1);
  });

  it('names an MCP method outside the protocol as other', async () => {
    const metrics = new GatewayMetrics('api');
    metrics.mcpRequest('tools/call', 0.1);
    metrics.mcpRequest('made/up/by/a/client', 0.1);
    const exposition = await scraped(metrics);
    expect(
      sampleSum(exposition, 'gateway_mcp_request_duration_seconds_count', { method: 'tools/call' }),
    ).toBe(1);
    expect(sampleSum(exposition, 'gateway_mcp_request_duration_seconds_count', { method: 'other' })).toBe(1);
  });

  it('shows stored secrets by key, the last count replacing the one before', async () => {
    const metrics = new GatewayMetrics('worker');
    metrics.credentialCensus({ under_current: 3, under_previous: 9, unreadable: 1 });
    metrics.credentialCensus({ under_current: 12, under_previous: 0, unreadable: 1 });
    const exposition = await scraped(metrics);
    const byKey = (key: string) =>
      sampleSum(exposition, 'gateway_credentials_by_key', { key, app: 'worker' });
    expect([byKey('current'), byKey('previous'), byKey('unreadable')]).toEqual([12, 0, 1]);
  });

  it('times audit appends and counts the failed ones', async () => {
    const metrics = new GatewayMetrics('api');
    await metrics.timeAuditAppend(async () => 1);
    await expect(metrics.timeAuditAppend(() => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    const exposition = await scraped(metrics);
    expect(sampleSum(exposition, 'gateway_audit_append_duration_seconds_count')).toBe(1);
    expect(sampleSum(exposition, 'gateway_audit_append_failures_total')).toBe(1);
  });

  it('counts how queued calls ended, and reads the audit backlog when scraped', async () => {
    const metrics = new GatewayMetrics('worker');
    let backlog = 3;
    metrics.measureAuditBacklog(() => backlog);
    metrics.queuedCallEnded('task_create', 'ok');
    metrics.queuedCallEnded('task_create', 'dead_lettered');
    metrics.queuedCallEnded('task_create', 'dead_lettered');
    const first = await scraped(metrics);
    expect(
      sampleSum(first, 'gateway_queued_call_endings_total', { tool: 'task_create', ending: 'dead_lettered' }),
    ).toBe(2);
    expect(sampleSum(first, 'gateway_queued_call_endings_total', { ending: 'ok' })).toBe(1);
    expect(first.types.get('gateway_audit_pending_records')).toBe('gauge');
    expect(sampleSum(first, 'gateway_audit_pending_records')).toBe(3);
    backlog = 0;
    expect(sampleSum(await scraped(metrics), 'gateway_audit_pending_records')).toBe(0);
  });

  it('reads queue depth and the oldest job age on scrape, at most once per five seconds', async () => {
    const metrics = new GatewayMetrics('api');
    let reads = 0;
    const queue: MeasuredQueue = {
      name: 'retries',
      getJobCounts: async () => {
        reads += 1;
        return { waiting: 2, active: 0, delayed: 1, prioritized: 0, failed: 3, completed: 7 };
      },
      getJobs: async (states: QueueState[]) =>
        states[0] === 'waiting' ? [{ timestamp: Date.now() - 60_000 }] : [],
    };
    metrics.measureQueues(() => [queue]);
    const exposition = await scraped(metrics);
    expect(sampleSum(exposition, 'gateway_queue_jobs', { queue: 'retries', state: 'waiting' })).toBe(2);
    expect(sampleSum(exposition, 'gateway_queue_jobs', { queue: 'retries', state: 'failed' })).toBe(3);
    const age = sampleSum(exposition, 'gateway_queue_oldest_job_age_seconds', {
      queue: 'retries',
      state: 'waiting',
    });
    expect(age).toBeGreaterThanOrEqual(59);
    expect(age).toBeLessThan(70);
    await scraped(metrics);
    expect(reads).toBe(1);
  });

  it('still answers a scrape when the queue store fails', async () => {
    const metrics = new GatewayMetrics('worker');
    metrics.measureQueues(() => [
      {
        name: 'retries',
        getJobCounts: () => Promise.reject(new Error('redis down')),
        getJobs: async () => [],
      },
    ]);
    const exposition = await scraped(metrics);
    expect(sampleSum(exposition, 'gateway_queue_jobs')).toBe(0);
    expect(exposition.types.get('gateway_queue_jobs')).toBe('gauge');
  });
});
