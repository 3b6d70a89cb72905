// Small helpers shared by the start scripts: build what is stale, run processes with prefixed output.
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(cmd, args, label) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** tsc is incremental, so this is quick when nothing changed. */
export function buildServer() {
  run(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    'built server code',
  );
}

export function buildDashboardIfStale() {
  const buildId = join(ROOT, 'apps/dashboard/.next/BUILD_ID');
  const source = join(ROOT, 'apps/dashboard');
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestMtime(source)) return;
  run(
    process.execPath,
    [join(ROOT, 'node_modules/next/dist/bin/next'), 'build', 'apps/dashboard'],
    'built dashboard',
  );
}

const COLORS = { sandbox: 35, api: 36, worker: 33, dashboard: 32 };

/** Starts a product process; its lines are printed with a coloured `[name]` prefix. */
export function startProcess(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 0}m[${name}]\x1b[0m ` : `[${name}] `;
  const listeners = [];
  let buffer = '';
  const onData = (chunk) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      process.stdout.write(prefix + line + '\n');
      listeners.forEach((l) => l(line));
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    name,
    child,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}`)));
        listeners.push((line) => {
          if (pattern.test(line)) {
            clearTimeout(timer);
            resolve(line);
          }
        });
      });
    },
  };
}

const NODE_FLAGS = createRequire(import.meta.url)('../node-flags.cjs');

export const serverEntry = (app) => [
  ...(NODE_FLAGS[app] ?? []),
  '-r',
  join(ROOT, 'scripts/register-aliases.cjs'),
  join(ROOT, `dist/server/apps/${app}/src/main.js`),
];

/** One Ctrl-C (or SIGTERM) stops every process, newest first (the api hosts the embedded database), then this one. */
export function stopAllOnSignal(processes) {
  let stopping = false;
  const stopOne = (p) =>
    new Promise((resolve) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
      const force = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
      p.child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      p.child.kill('SIGTERM');
    });
  const stop = async (reason) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nstopping ${processes.map((p) => p.name).join(', ')}…`);
    for (const p of [...processes].reverse()) await stopOne(p);
    process.exit(reason === 'failure' ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return stop;
}
