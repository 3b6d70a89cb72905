// `node scripts/bench/startup.mjs`: what `npm start` costs — time to ready on a fresh data directory, and the
// resident memory of each process once idle. Writes its table into docs/benchmarks.md and prints JSON.
//
//   node scripts/bench/startup.mjs [--idle-seconds 15] [--no-docs]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/processes.mjs';
import { cpuSeconds } from './lib/cpu.mjs';
import { freePort, procMemory, round } from './lib/processes.mjs';
import { DOC } from './lib/report.mjs';

const args = process.argv.slice(2);
const idleIndex = args.indexOf('--idle-seconds');
const IDLE_SECONDS = idleIndex === -1 ? 15 : Number(args[idleIndex + 1]);
const START = '<!-- bench:startup:start -->';
const END = '<!-- bench:startup:end -->';
const log = (message) => process.stderr.write(`[startup] ${message}\n`);

/** Every descendant of `pid`, from /proc. */
function descendants(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out = [];
  const walk = (p) => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

function nameOf(pid) {
  const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  if (cmd.includes('apps/api/')) return 'api';
  if (cmd.includes('embedded-postgres.main')) return 'embedded database (PGlite, child of the api)';
  if (cmd.includes('apps/worker/')) return 'worker';
  if (cmd.includes('apps/clickup-sandbox/')) return 'sandbox';
  if (cmd.includes('next')) return 'dashboard';
  return cmd.slice(0, 60);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-startup-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    DASHBOARD_PORT: String(await freePort()),
    SANDBOX_PORT: String(await freePort()),
    DATABASE_URL: '',
    REDIS_URL: '',
  };
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready in 10 minutes:\n${output.slice(-2000)}`)),
      600_000,
    );
    const onData = (chunk) => {
      output += chunk.toString('utf8');
      const match = /ready in ([\d.]+) s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ wallMs: performance.now() - started, reportedS: Number(match[1]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-2000)}`)));
  });
  const builds = [...output.matchAll(/built (server code|dashboard) in ([\d.]+) s/g)].map((m) => ({
    what: m[1],
    s: Number(m[2]),
  }));
  const buildS = builds.reduce((sum, b) => sum + b.s, 0);
  log(
    `ready in ${(ready.wallMs / 1000).toFixed(1)} s (builds ${buildS.toFixed(1)} s); idling ${IDLE_SECONDS} s`,
  );

  const pids = descendants(child.pid).filter((pid) => {
    try {
      return nameOf(pid) !== '';
    } catch {
      return false;
    }
  });
  const cpuBefore = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const processes = pids
    .map((pid) => ({
      name: nameOf(pid),
      pid,
      ...procMemory(pid),
      idle_cpu_pct: round((100 * (cpuSeconds(pid) - cpuBefore.get(pid))) / IDLE_SECONDS),
    }))
    .filter((p) => p.rss_mb !== null && p.rss_mb > 5);

  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });

  const result = {
    ready_s: round(ready.wallMs / 1000),
    builds,
    ready_without_builds_s: round(ready.wallMs / 1000 - buildS),
    idle_seconds: IDLE_SECONDS,
    processes,
    total_idle_rss_mb: round(processes.reduce((sum, p) => sum + p.rss_mb, 0)),
    finished_at: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      memory_gb: round(totalmem() / 1024 ** 3),
      load_average: loadavg().map((n) => round(n, 2)),
    },
  };
  if (!args.includes('--no-docs')) writeDoc(result);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

export function writeDoc(r) {
  const rows = r.processes.map((p) => `| ${p.name} | ${p.rss_mb} | ${p.peak_rss_mb} | ${p.idle_cpu_pct} |`);
  const block = [
    START,
    '',
    `Last run: ${(r.finished_at ?? new Date().toISOString()).slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cores} cores, ${r.machine.memory_gb} GB, ` +
      `load average ${r.machine.load_average.join(' / ')}. Fresh \`DATA_DIR\` (embedded PGlite, migrations on first start).`,
    '',
    `- \`npm start\` ready (the "is running" line) after **${r.ready_s} s**, of which builds took ` +
      `${r.builds.map((b) => `${b.what} ${b.s} s`).join(', ') || 'nothing (up to date)'}: **${r.ready_without_builds_s} s** to start the four processes.`,
    `- Idle after ${r.idle_seconds} s: **${r.total_idle_rss_mb} MB** resident in all.`,
    '',
    '| process | RSS MB | peak RSS MB | idle CPU % |',
    '|---|---|---|---|',
    ...rows,
    '',
    END,
  ].join('\n');
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const next =
    current.includes(START) && current.includes(END)
      ? current.slice(0, current.indexOf(START)) + block + current.slice(current.indexOf(END) + END.length)
      : `${current.trimEnd()}\n\n## \`npm start\`: cold start and idle memory\n\n${block}\n`;
  writeFileSync(DOC, next);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    log(`failed: ${error.message}`);
    process.exit(1);
  });
}
