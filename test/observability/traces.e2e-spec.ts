import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { OtlpReceiver, REPO_ROOT, type ReceivedSpan } from '@gw/testing';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, INITIALIZE, rawPost } from '../support/mcp';
import { FAST_RETRIES, OWNER_TOKEN, RetryStack, SPRINT_42 } from '../retry/support';

// Spans leave the processes within a tenth of a second, so a test waits for them, not for a batch timer.
const QUICK_EXPORT = { OTEL_BSP_SCHEDULE_DELAY: '100' };
const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';

/** Everything a span tells a collector beyond its ids and times. */
const told = (spans: ReceivedSpan[]) =>
  JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status, s.service]));

/**
 * OpenTelemetry traces as an operator's collector receives them: the api, the worker and the sandbox run as
 * processes, an MCP client calls tools, and an in-process OTLP receiver stands in for the collector.
 */
describe('traces of a tool call across the api, the worker and ClickUp', () => {
  let receiver: OtlpReceiver;
  let env: RetryStack;
  let url: string;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    env = new RetryStack('postgres+redis', {
      ...FAST_RETRIES,
      ...QUICK_EXPORT,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%3D1',
    });
    await env.start();
    const server = await env.server('traced server');
    await server.client.close();
    url = server.url;
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
    await receiver?.close();
  }, 60_000);

  /** A client whose every request continues the trace `traceId` (as an instrumented agent's HTTP client would). */
  const tracedClient = (traceId: string): Promise<Client> =>
    connectClient(url, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN}-01` } });

  const spanOf = (spans: ReceivedSpan[], name: string, match: (s: ReceivedSpan) => boolean = () => true) => {
    const found = spans.find((s) => s.name === name && match(s));
    if (!found) throw new Error(`no ${name} span among ${spans.map((s) => s.name).join(', ')}`);
    return found;
  };

  it('makes one tools/call one trace: request, admission, tool call, ClickUp request and audit append', async () => {
    const client = await tracedClient(CLIENT_TRACE);
    const since = (await env.requests()).at(-1)?.seq ?? 0;
    const name = `Traced ${Date.now()}`;
    const answer = await env.call(client, 'task_create', { list_id: SPRINT_42, name });
    expect(answer.ok).toBe(true);
    await client.close();

    const call = await receiver.waitForSpan((s) => s.name === 'tool.call' && s.traceId === CLIENT_TRACE);
    const request = spanOf(
      receiver.trace(CLIENT_TRACE),
      'mcp.request',
      (s) => s.spanId === call.parentSpanId,
    );
    await receiver.waitForSpan((s) => s.name === 'audit.append' && s.parentSpanId === request.spanId);
    const trace = receiver.trace(CLIENT_TRACE);

    // The client's trace continues: the request's parent is the span the client named.
    expect(request).toMatchObject({
      service: 'clickup-mcp-gateway-api',
      parentSpanId: CLIENT_SPAN,
      kind: 2,
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/mcp/:token',
        'mcp.method.name': 'tools/call',
        'http.response.status_code': 200,
      },
    });
    const serverId = request.attributes['mcp.server.id'];
    expect(serverId).toEqual(expect.any(String));
    expect(spanOf(trace, 'mcp.admission', (s) => s.parentSpanId === request.spanId).attributes).toMatchObject(
      {
        'mcp.admission.outcome': 'admitted',
        'mcp.server.id': serverId,
      },
    );
    expect(call.attributes).toMatchObject({
      'gen_ai.tool.name': 'task_create',
      'gateway.tool.outcome': 'ok',
      'mcp.server.id': serverId,
    });
    // task_create reads the list first (is it in the server's workspace?), then creates.
    const upstream = spanOf(
      trace,
      'clickup.request',
      (s) => s.parentSpanId === call.spanId && s.attributes['http.request.method'] === 'POST',
    );
    expect(
      spanOf(trace, 'clickup.request', (s) => s.parentSpanId === call.spanId && s.spanId !== upstream.spanId)
        .attributes['url.template'],
    ).toBe('/api/v2/list/{id}');
    expect(upstream).toMatchObject({
      kind: 3,
      attributes: {
        'http.request.method': 'POST',
        'url.template': '/api/v2/list/{id}/task',
        'http.response.status_code': 200,
      },
    });
    expect(spanOf(trace, 'audit.append', (s) => s.parentSpanId === request.spanId).attributes).toMatchObject({
      'gateway.audit.action': 'tools/call',
      'gateway.audit.outcome': 'ok',
    });

    // ClickUp got the ClickUp request's own span as its parent.
    const created = (await env.requests(since)).find((r) => r.method === 'POST' && r.path.endsWith('/task'));
    expect(created?.headers['traceparent']).toBe(`00-${CLIENT_TRACE}-${upstream.spanId}-01`);

    // No secret and no argument in any span: not the URL's token, ClickUp's token or the task's name.
    const token = url.split('/').at(-1) as string;
    expect(told(trace)).not.toContain(token);
    expect(told(trace)).not.toContain(OWNER_TOKEN);
    expect(told(trace)).not.toContain(name);
    expect(receiver.exports[0]?.['x-collector-key']).toBe('k=1');
  });

  it('shows a refused request as denied by admission, with its reason and without the token it tried', async () => {
    const traceId = '6e0c63257de34c926f9efcd03927272e';
    const unknown = `cmcp_${'x'.repeat(43)}`;
    const res = await rawPost(`${env.stack.baseUrl}/mcp/${unknown}`, INITIALIZE, {
      traceparent: `00-${traceId}-${CLIENT_SPAN}-01`,
    });
    expect(res.status).toBe(404);
    const admission = await receiver.waitForSpan((s) => s.name === 'mcp.admission' && s.traceId === traceId);
    expect(admission.attributes).toMatchObject({
      'mcp.admission.outcome': 'denied',
      'mcp.admission.reason': 'unknown_url',
      'http.response.status_code': 404,
    });
    const request = await receiver.waitForSpan((s) => s.name === 'mcp.request' && s.traceId === traceId);
    expect(request.attributes['http.response.status_code']).toBe(404);
    expect(told(receiver.trace(traceId))).not.toContain(unknown);
  });

  it('continues a call that ClickUp failed with 503 in the worker that carries it out, in the same trace', async () => {
    const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
    const client = await tracedClient(traceId);
    const since = (await env.requests()).at(-1)?.seq ?? 0;
    await env.fault({ method: 'POST', path: '/api/v2/list/*/task', status: 503, count: 1 });
    const answer = await env.call(client, 'task_create', {
      list_id: SPRINT_42,
      name: `Queued ${Date.now()}`,
    });
    await client.close();
    const jobId = answer.ok ? undefined : answer.issues[0]?.job_id;
    if (jobId) expect((await env.settled(jobId)).state).toBe('completed');

    const job = await receiver.waitForSpan((s) => s.name === 'queue.job' && s.traceId === traceId);
    const workerAudit = await receiver.waitForSpan(
      (s) => s.name === 'audit.append' && s.parentSpanId === job.spanId,
    );
    const call = spanOf(receiver.trace(traceId), 'tool.call', (s) => s.spanId === job.parentSpanId);
    expect(call.attributes).toMatchObject({
      'gen_ai.tool.name': 'task_create',
      'gateway.job.id': expect.any(String),
    });
    expect(job).toMatchObject({
      service: 'clickup-mcp-gateway-worker',
      kind: 5,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.destination.name': 'retries',
        'messaging.message.id': call.attributes['gateway.job.id'],
        'gateway.job.name': 'tool-call',
        'gateway.job.attempt': 1,
        'gateway.job.outcome': 'completed',
      },
    });
    expect(workerAudit).toMatchObject({ service: 'clickup-mcp-gateway-worker', traceId });

    // The failed attempt from the api and the worker's, each with its own span, both in the call's trace.
    const trace = receiver.trace(traceId);
    const failed = spanOf(trace, 'clickup.request', (s) => s.attributes['http.response.status_code'] === 503);
    expect(failed).toMatchObject({
      service: 'clickup-mcp-gateway-api',
      parentSpanId: call.spanId,
      status: { code: 2 },
    });
    const replayed = spanOf(
      trace,
      'clickup.request',
      (s) => s.parentSpanId === job.spanId && s.attributes['http.request.method'] === 'POST',
    );
    const posts = (await env.requests(since)).filter((r) => r.method === 'POST' && r.path.endsWith('/task'));
    expect(posts.map((r) => r.headers['traceparent'])).toEqual([
      `00-${traceId}-${failed.spanId}-01`,
      `00-${traceId}-${replayed.spanId}-01`,
    ]);
  });
});

describe('with OTEL_EXPORTER_OTLP_ENDPOINT unset', () => {
  let receiver: OtlpReceiver;
  let env: RetryStack;
  const dir = mkdtempSync(join(tmpdir(), 'gw-traces-off-'));

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    env = new RetryStack('postgres', {
      // The SDK, were it loaded, would export here: the signal-specific endpoint needs no base one.
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces`,
      ...QUICK_EXPORT,
      NODE_OPTIONS: `--require ${join(REPO_ROOT, 'test/observability/loaded-modules.cjs')}`,
      LOADED_MODULES_FILE: join(dir, 'modules'),
    });
    await env.start();
  }, 120_000);
  afterAll(async () => {
    await env?.stop();
    await receiver?.close();
  }, 60_000);

  it('exports nothing and never loads the OpenTelemetry SDK, in the api or the worker', async () => {
    const { client } = await env.server('untraced server');
    const answer = await env.call(client, 'task_create', {
      list_id: SPRINT_42,
      name: `Untraced ${Date.now()}`,
    });
    expect(answer.ok).toBe(true);
    await client.close();
    const [created] = (await env.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/task'));
    expect(created?.headers['traceparent']).toBeUndefined();

    const loaded: Record<string, string> = {};
    for (const [name, app] of [
      ['worker', env.stack.worker],
      ['api', env.stack.api],
    ] as const) {
      loaded[name] = '';
      const file = join(dir, 'modules');
      expect(await app?.stop()).toBe(0);
      expect(existsSync(file)).toBe(true);
      loaded[name] = readFileSync(file, 'utf8');
    }
    for (const modules of Object.values(loaded)) {
      expect(modules).toContain('@opentelemetry/api');
      expect(modules).not.toMatch(/@opentelemetry\/(sdk-|exporter-|resources|otlp-|core)/);
    }
    expect(receiver.spans).toEqual([]);
  });
});
