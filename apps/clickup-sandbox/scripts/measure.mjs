// Measures the sandbox's throughput on GET /api/v2/task/{id} (the benchmark baseline) with autocannon.
// The sandbox runs in its own process (one core for the server, the other for the load generator).
// Usage: node apps/clickup-sandbox/scripts/measure.mjs [--duration 10] [--connections 64]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const duration = arg('duration', 10);
const connections = arg('connections', 64);
const main = join(root, 'dist/server/apps/clickup-sandbox/src/main.js');

if (!existsSync(main) || process.argv.includes('--build')) {
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const child = spawn(process.execPath, ['-r', './scripts/register-aliases.cjs', main], {
  cwd: root,
  env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1', SANDBOX_LATENCY_MS: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});

try {
  await fetch(`${base}/_sandbox/rate-limit`, {
    method: 'PUT',
    body: JSON.stringify({ per_minute: 1_000_000 }),
  });
  const headers = { authorization: 'pk_sandbox_owner' };
  const { teams } = await (await fetch(`${base}/api/v2/team`, { headers })).json();
  const { tasks } = await (await fetch(`${base}/api/v2/team/${teams[0].id}/task`, { headers })).json();
  const task = tasks.find((t) => t.name === 'Refactor Login Component') ?? tasks[0];
  const url = `${base}/api/v2/task/${task.id}`;
  const bytes = (await (await fetch(url, { headers })).text()).length;
  await autocannon({ url, headers, connections, duration: 2 }); // warm-up
  const result = await autocannon({ url, headers, connections, duration });
  const summary = {
    url: `GET /api/v2/task/${task.id}`,
    body_bytes: bytes,
    connections,
    duration_s: duration,
    requests_per_s: Math.round(result.requests.average),
    latency_ms: { p50: result.latency.p50, p99: result.latency.p99 },
    non_2xx: result.non2xx,
    errors: result.errors,
  };
  console.log(JSON.stringify(summary, null, 2));
} finally {
  child.kill('SIGTERM');
}
