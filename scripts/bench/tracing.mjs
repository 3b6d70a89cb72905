// `node scripts/bench/tracing.mjs`: what OpenTelemetry tracing costs a tool call (docs/adr/0025-tracing.md). Three
// apis on one PostgreSQL database and one sandbox: `off` (OTEL_EXPORTER_OTLP_ENDPOINT unset), `on` (exporting every
// trace to a collector in this process) and `sampled_out` (the SDK loaded, its sampler keeping nothing), take the
// same `task_get` calls in rotating rounds, so the load of a shared machine falls on all alike. Prints one JSON
// object: latency and api CPU per call of each, and the spans received.
//
//   DATABASE_URL=postgres://… node scripts/bench/tracing.mjs [--calls 2000] [--rounds 3] [--connections 8]
import { createServer } from 'node:http';
import { withCpu } from './lib/cpu.mjs';
import { load, mcpRequest, rpc } from './lib/load.mjs';
import { freePort, round } from './lib/processes.mjs';
import { createStorage, provision, startApi, startSandbox } from './lib/stack.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const CALLS = option('--calls', 2000);
const ROUNDS = option('--rounds', 3);
const CONNECTIONS = option('--connections', 8);
const ACME = '9011000001';
const SPRINT_42 = '901400000001';
const log = (message) => process.stderr.write(`[bench:tracing] ${message}\n`);

/** A collector that takes OTLP/HTTP JSON and counts the spans, as cheaply as a real one would answer. */
async function startCollector() {
  let spans = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resource of body.resourceSpans ?? [])
        for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${port}`, spans: () => spans, close: () => server.close() };
}

if (!process.env.DATABASE_URL)
  throw new Error('set DATABASE_URL to a PostgreSQL server (a fresh database is made on it)');
const sandbox = await startSandbox({ latencyMs: 0 });
const collector = await startCollector();
const storage = await createStorage('postgres');
const started = [];
try {
  const created = await sandbox.api(`/list/${SPRINT_42}/task`, {
    method: 'POST',
    body: JSON.stringify({ name: 'Traced benchmark task' }),
  });
  const taskGet = { name: 'task_get', arguments: { task_id: created.body.id } };
  const apis = {};
  for (const [name, env] of [
    ['off', {}],
    ['on', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint }],
    ['sampled_out', { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_TRACES_SAMPLER: 'always_off' }],
  ]) {
    const port = await freePort();
    const api = await startApi({ storage, sandboxUrl: sandbox.url, port, label: `api-tracing-${name}`, env });
    started.push(api.proc);
    apis[name] = { api, port };
  }
  // One server, provisioned once: both apis read it from the shared database.
  const { mcpUrl } = await provision(apis.off.api.baseUrl, ACME);
  const token = mcpUrl.split('/').at(-1);
  const VARIANTS = ['off', 'on', 'sampled_out'];
  const results = { off: [], on: [], sampled_out: [] };
  for (const name of VARIANTS) {
    const url = `${apis[name].api.baseUrl}/mcp/${token}`;
    const sample = await rpc(url, 'tools/call', taskGet);
    if (sample.status !== 200 || sample.body?.result?.isError)
      throw new Error(
        `task_get through the ${name} api failed: ${JSON.stringify(sample.body).slice(0, 300)}`,
      );
    // Warm-up: JIT, pools, caches.
    await load({ ...mcpRequest(url, 'tools/call', taskGet), connections: CONNECTIONS, amount: 500 });
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of [...VARIANTS.slice(r % 3), ...VARIANTS.slice(0, r % 3)]) {
      const url = `${apis[name].api.baseUrl}/mcp/${token}`;
      const result = await withCpu({ api: apis[name].api.proc.child.pid }, () =>
        load({ ...mcpRequest(url, 'tools/call', taskGet), connections: CONNECTIONS, amount: CALLS }),
      );
      log(
        `round ${r + 1} ${name}: p50 ${result.p50_ms} ms, ${result.cpu.api.ms_per_request} ms api CPU per call`,
      );
      results[name].push(result);
    }
  }
  const summary = (runs) => {
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
      p50_ms: median(runs.map((r) => r.p50_ms)),
      p99_ms: median(runs.map((r) => r.p99_ms)),
      rps: median(runs.map((r) => r.rps)),
      api_cpu_ms_per_call: median(runs.map((r) => r.cpu.api.ms_per_request)),
      errors: runs.reduce((n, r) => n + r.errors + r.non_2xx, 0),
    };
  };
  const off = summary(results.off);
  const on = summary(results.on);
  const sampledOut = summary(results.sampled_out);
  const overhead = (variant) => ({
    p50_ms: round(variant.p50_ms - off.p50_ms, 3),
    api_cpu_ms_per_call: round(variant.api_cpu_ms_per_call - off.api_cpu_ms_per_call, 3),
    api_cpu_percent: round(
      (100 * (variant.api_cpu_ms_per_call - off.api_cpu_ms_per_call)) / off.api_cpu_ms_per_call,
    ),
  });
  console.log(
    JSON.stringify(
      {
        calls_per_round: CALLS,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        off,
        on,
        sampled_out: sampledOut,
        overhead: { on: overhead(on), sampled_out: overhead(sampledOut) },
        spans_received: collector.spans(),
      },
      null,
      2,
    ),
  );
} finally {
  for (const proc of started) proc.child.kill('SIGTERM');
  sandbox.proc.child.kill('SIGTERM');
  collector.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await storage.drop().catch(() => undefined);
}
