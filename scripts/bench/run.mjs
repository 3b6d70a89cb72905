// `npm run bench`: the gateway against the direct API in one run (CONTRACTS §9). Starts the sandbox at a fixed
// latency, the api (embedded; and on DATABASE_URL/REDIS_URL too when they are set), drives both with autocannon
// from this process, prints one JSON object on stdout and writes the tables into docs/benchmarks.md.
// Progress goes to stderr; the processes' consoles go to tmp/bench/*.log.
//
//   node scripts/bench/run.mjs [--latency 50] [--seconds 8] [--writes 500] [--window-ms 60000]
//                              [--rate-limit-cap-s 330] [--skip-rate-limit] [--quick] [--no-docs]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/processes.mjs';
import { withCpu } from './lib/cpu.mjs';
import { load, mcpRequest, rpc } from './lib/load.mjs';
import { freePort, procMemory, round, sampleMemory } from './lib/processes.mjs';
import { compareProtocols } from './lib/protocols.mjs';
import { rateLimitRun } from './lib/rate-limit.mjs';
import { evaluateTargets, writeResults } from './lib/report.mjs';
import {
  auditCounts,
  createStorage,
  provision,
  SANDBOX_TOKEN,
  startApi,
  startSandbox,
  startWorker,
} from './lib/stack.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const quick = flag('--quick');
const LATENCY_MS = option('--latency', 50);
const SECONDS = option('--seconds', quick ? 2 : 8);
const WRITES = option('--writes', quick ? 100 : 500);
const PER_MINUTE = 100;
// ClickUp's real minute: the gateway counts 60 s windows (libs/retry rate-window.ts) and learns only their ends from
// X-RateLimit-Reset, so a window scaled down in the sandbox alone would measure a mismatch no ClickUp token has.
const WINDOW_MS = option('--window-ms', quick ? 5000 : 60_000);
// The rate-limit run stops waiting for queued writes after this long (the least time the limit allows is 4 windows).
const RATE_LIMIT_CAP_S = option('--rate-limit-cap-s', quick ? 30 : 330);

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const started = Date.now();

function build() {
  const t = Date.now();
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: ['ignore', 2, 2] },
  );
  if (result.status !== 0) throw new Error('the server build failed');
  log(`built server code in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** Calls sized to last about `seconds` at the sandbox's latency. */
const amountFor = (connections, seconds) =>
  Math.max(connections * 20, Math.round((seconds * 1000 * connections) / (LATENCY_MS + 1.5)));

async function measureMode(mode, sandbox, seeded, { rateLimit }) {
  log(`--- ${mode}`);
  const storage = await createStorage(mode);
  const port = await freePort();
  const calls = { mcp: 0 };
  try {
    let api = await startApi({ storage, sandboxUrl: sandbox.url, port });
    const coldStartMs = api.readyMs;
    log(`api ready in ${Math.round(coldStartMs)} ms (cold: fresh data, migrations)`);
    const { mcpUrl, serverId } = await provision(api.baseUrl, seeded.workspaceId);
    const idle = api.proc.memory();

    // The exact request the gateway sends upstream for task_get, replayed directly against the sandbox.
    const taskGet = { name: 'task_get', arguments: { task_id: seeded.taskId } };
    const sample = await rpc(mcpUrl, 'tools/call', taskGet);
    calls.mcp++;
    if (sample.status !== 200 || sample.body?.result?.isError)
      throw new Error(`task_get through the gateway failed: ${JSON.stringify(sample.body).slice(0, 300)}`);
    const { requests } = await sandbox.control('GET', '/requests?since=0');
    const upstream = requests.filter((r) => r.path.endsWith(`/task/${seeded.taskId}`)).at(-1);
    const query = new URLSearchParams(upstream.query).toString();
    const direct = {
      url: `${sandbox.url}${upstream.path}${query ? `?${query}` : ''}`,
      headers: {
        authorization: SANDBOX_TOKEN,
        accept: 'application/json',
        'content-type': 'application/json',
      },
    };
    const gateway = mcpRequest(mcpUrl, 'tools/call', taskGet);
    // In embedded mode PGlite runs in a child process of the api, which a restart replaces: look it up each time.
    const pids = () => {
      const database = storage.databasePid();
      return { api: api.proc.child.pid, sandbox: sandbox.proc.child.pid, ...(database ? { database } : {}) };
    };
    const viaGateway = async (connections, amount, request = gateway) => {
      const result = await withCpu(pids(), () => load({ ...request, connections, amount }));
      calls.mcp += amount;
      return result;
    };

    // tools/list: size, time of one call, and under load.
    const list = await rpc(mcpUrl, 'tools/list', {});
    calls.mcp++;
    const listTimes = [];
    for (let i = 0; i < 100; i++) listTimes.push((await rpc(mcpUrl, 'tools/list', {})).ms);
    calls.mcp += 100;
    listTimes.sort((a, b) => a - b);
    const listLoad = await load({
      ...mcpRequest(mcpUrl, 'tools/list', {}),
      connections: 64,
      amount: quick ? 500 : 3000,
    });
    calls.mcp += listLoad.requests;
    const toolsList = {
      tools: list.body.result.tools.length,
      bytes: list.bytes,
      result_bytes: Buffer.byteLength(JSON.stringify(list.body.result)),
      sequential_p50_ms: round(listTimes[49], 2),
      sequential_p99_ms: round(listTimes[98], 2),
      c64_rps: listLoad.rps,
      c64_p50_ms: listLoad.p50_ms,
      c64_p99_ms: listLoad.p99_ms,
    };
    log(`tools/list: ${toolsList.tools} tools, ${toolsList.bytes} bytes, ${toolsList.sequential_p50_ms} ms`);

    // Warm both paths (JIT, keep-alive pools, caches), then measure at 1 and 64 connections.
    await load({ ...direct, connections: 64, amount: amountFor(64, 1) });
    await viaGateway(64, amountFor(64, quick ? 1 : 2));
    const runs = {};
    for (const connections of [1, 64]) {
      const amount = amountFor(connections, connections === 1 ? SECONDS + 2 : SECONDS);
      const d = await withCpu(pids(), () => load({ ...direct, connections, amount }));
      const memory = await sampleMemory(api.proc, () => viaGateway(connections, amount));
      const g = memory.result;
      runs[`c${connections}`] = {
        direct: d,
        gateway: { ...g, peak_rss_mb: memory.peak_rss_mb },
        overhead_ms: { p50: round(g.p50_ms - d.p50_ms, 2), p99: round(g.p99_ms - d.p99_ms, 2) },
        throughput_ratio: round(g.rps / d.rps, 3),
      };
      log(
        `c=${connections}: direct ${d.rps}/s p50 ${d.p50_ms} p99 ${d.p99_ms} | gateway ${g.rps}/s p50 ${g.p50_ms} p99 ${g.p99_ms} | api ${g.cpu.api.ms_per_request} CPU ms/call`,
      );
    }
    const rssUnderLoad = api.proc.memory();

    const protocols = await compareProtocols({
      mcpUrl,
      call: taskGet,
      connectionCounts: [1, 64],
      amountFor: (connections) => amountFor(connections, SECONDS / 2),
      measure: (request, connections, amount) => viaGateway(connections, amount, request),
      onCall: () => calls.mcp++,
    });
    for (const [key, run] of Object.entries(protocols)) {
      log(
        `${key} protocols: 2025-11-25 p50 ${run['2025-11-25'].p50_ms} ms, ${run['2025-11-25'].api_cpu_ms_per_call} CPU ms | ` +
          `2026-07-28 p50 ${run['2026-07-28'].p50_ms} ms, ${run['2026-07-28'].api_cpu_ms_per_call} CPU ms`,
      );
    }

    // Every MCP request made so far has its audit row (the group commit resolves only after the row is in).
    await new Promise((r) => setTimeout(r, 300));
    const auditByOutcome = await auditCounts(storage, serverId);
    const auditRows = auditByOutcome.reduce((sum, row) => sum + row.n, 0);
    // Every measured call must have been a real answer: the audit log says how each tools/call ended.
    const callOutcomes = Object.fromEntries(
      auditByOutcome.filter((row) => row.action === 'tools/call').map((row) => [row.outcome, row.n]),
    );
    const auditedCalls = calls.mcp;
    log(`audit rows ${auditRows} for ${auditedCalls} MCP calls`);

    const peakRss = api.proc.memory().peak_rss_mb;
    const databasePid = storage.databasePid();
    const databaseMemory = databasePid ? procMemory(databasePid) : null;
    await api.proc.stop();

    // Audit off: the same c=64 run on the same data, the api restarted with AUDIT_ENABLED=false; then audit on
    // again, back to back, so both runs see the same machine state. Each is checked to answer real results.
    const amount64 = amountFor(64, SECONDS);
    const auditRun = async (label, env) => {
      api = await startApi({ storage, sandboxUrl: sandbox.url, port, label, env });
      await viaGateway(64, amountFor(64, quick ? 1 : 2));
      const run = await viaGateway(64, amount64);
      const check = await rpc(mcpUrl, 'tools/call', taskGet);
      calls.mcp++;
      if (check.status !== 200 || check.body?.result?.isError !== false)
        throw new Error(
          `${label}: task_get did not answer a result: ${JSON.stringify(check.body).slice(0, 300)}`,
        );
      return { run, readyMs: api.readyMs };
    };
    const { run: off, readyMs: warmStartMs } = await auditRun('api-audit-off', { AUDIT_ENABLED: 'false' });
    await api.proc.stop();
    const { run: on } = await auditRun('api-audit-on', {});
    const audit = {
      on: pick(on),
      off: pick(off),
      rps_cost_pct: round((100 * (off.rps - on.rps)) / off.rps),
      p50_cost_ms: round(on.p50_ms - off.p50_ms, 2),
      cpu_ms_per_call_cost: round(on.cpu.api.ms_per_request - off.cpu.api.ms_per_request, 3),
    };
    log(`audit on ${on.rps}/s p50 ${on.p50_ms} | off ${off.rps}/s p50 ${off.p50_ms}`);

    // Rate limit, last (it teaches the gateway's shared budget a limit of 100): the retry queue needs the worker.
    let rateLimited = null;
    if (rateLimit) {
      const worker = await startWorker({ storage, sandboxUrl: sandbox.url, port });
      try {
        rateLimited = await rateLimitRun({
          sandbox,
          api,
          mcpUrl,
          listId: seeded.listId,
          taskId: seeded.taskId,
          writes: WRITES,
          perMinute: PER_MINUTE,
          windowMs: WINDOW_MS,
          capMs: RATE_LIMIT_CAP_S * 1000,
          log,
        });
      } finally {
        await worker.stop();
      }
      log(`rate-limit: ${JSON.stringify(rateLimited)}`);
    }
    await api.proc.stop();

    return {
      mode,
      api: {
        cold_start_ms: Math.round(coldStartMs),
        warm_start_ms: Math.round(warmStartMs),
        idle_rss_mb: idle.rss_mb,
        rss_under_load_mb: rssUnderLoad.rss_mb,
        peak_rss_mb: peakRss,
      },
      embedded_database: databaseMemory && {
        pid: databasePid,
        rss_mb: databaseMemory.rss_mb,
        peak_rss_mb: databaseMemory.peak_rss_mb,
        cpu_ms_per_call_c64: runs.c64.gateway.cpu.database?.ms_per_request ?? null,
      },
      tools_list: toolsList,
      task_get: runs,
      protocols,
      audit,
      audit_check: {
        rows: auditRows,
        calls: auditedCalls,
        equal: auditRows === auditedCalls,
        tools_call_outcomes: callOutcomes,
      },
      rate_limit: rateLimited,
    };
  } finally {
    await storage.drop().catch(() => undefined);
  }
}

function pick(run) {
  return {
    rps: run.rps,
    p50_ms: run.p50_ms,
    p99_ms: run.p99_ms,
    api_cpu_ms_per_call: run.cpu.api.ms_per_request,
  };
}

async function seedIds(sandbox) {
  const teams = await sandbox.api('/team');
  const workspaceId = teams.body.teams.find((t) => t.name === 'Acme Corp').id;
  const tasks = await sandbox.api(`/team/${workspaceId}/task`);
  const task = tasks.body.tasks.find((t) => t.name === 'Refactor Login Component') ?? tasks.body.tasks[0];
  return { workspaceId, taskId: task.id, listId: task.list.id };
}

async function main() {
  build();
  const machine = {
    cores: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gb: round(totalmem() / 1024 ** 3),
    node: process.version,
    // Other work on the machine skews every figure; the load average says how much there was.
    load_average_at_start: loadavg().map((n) => round(n, 2)),
  };
  const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
  const modes = ['embedded', ...(process.env.DATABASE_URL ? ['postgres'] : [])];
  const results = [];
  try {
    const seeded = await seedIds(sandbox);
    for (const [i, mode] of modes.entries()) {
      results.push(
        await measureMode(mode, sandbox, seeded, { rateLimit: i === 0 && !flag('--skip-rate-limit') }),
      );
    }
  } finally {
    await sandbox.proc.stop();
  }
  const primary = results[0];
  const c64 = primary.task_get.c64;
  const output = {
    gateway_overhead_ms: c64.overhead_ms,
    throughput_rps: c64.gateway.rps,
    direct_rps: c64.direct.rps,
    tools_list_bytes: primary.tools_list.bytes,
    rss_mb: primary.api.peak_rss_mb,
    audit_rows: primary.audit_check.rows,
    calls: primary.audit_check.calls,
    audit_rows_equal_calls: primary.audit_check.equal,
    settings: {
      sandbox_latency_ms: LATENCY_MS,
      seconds: SECONDS,
      quick,
      tool: 'task_get',
      mode: primary.mode,
    },
    machine,
    modes: results,
    duration_s: Math.round((Date.now() - started) / 1000),
    finished_at: new Date().toISOString(),
  };
  machine.load_average_at_end = loadavg().map((n) => round(n, 2));
  output.targets = evaluateTargets(output);
  if (!flag('--no-docs')) writeResults(output);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
