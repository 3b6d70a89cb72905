// The product's processes as the benchmark runs them: compiled output, console to a log file (the bench prints
// one JSON object on stdout and nothing else), readiness by the same lines `npm start` waits for.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, serverEntry } from '../../lib/processes.mjs';

export const LOG_DIR = join(ROOT, 'tmp/bench');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `dist/server/apps/<app>/src/main.js`. `nodeArgs` go before the entry (e.g. `--cpu-prof`). The console
 * goes straight to `tmp/bench/<label>.log` (a file descriptor, so the parent spends nothing relaying it).
 */
export function startApp(app, label, env, { nodeArgs = [] } = {}) {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${label}.log`);
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...serverEntry(app)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exitCode;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve(exitCode);
    }),
  );
  return {
    label,
    child,
    logFile,
    started,
    log: () => readFileSync(logFile, 'utf8'),
    /** Resolves with the ms from spawn to the first log line matching `pattern`. */
    async waitFor(pattern, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = readFileSync(logFile, 'utf8')
          .split('\n')
          .find((l) => pattern.test(l));
        if (line) return performance.now() - started;
        if (exitCode !== undefined) throw new Error(`${label} exited (${exitCode}):\n${tail(logFile)}`);
        if (Date.now() > deadline)
          throw new Error(`${label} did not print ${pattern} in time:\n${tail(logFile)}`);
        await sleep(25);
      }
    },
    /** Resident memory now and at its peak (VmHWM), in MB, from /proc. */
    memory() {
      return procMemory(child.pid);
    },
    async stop() {
      if (exitCode !== undefined) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}

function tail(file) {
  return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss_mb: round(kb('VmRSS') / 1024), peak_rss_mb: round(kb('VmHWM') / 1024) };
  } catch {
    return { rss_mb: null, peak_rss_mb: null };
  }
}

/** Samples a process's resident memory while `work` runs, for the highest value under load. */
export async function sampleMemory(proc, work, everyMs = 250) {
  let peak = 0;
  const timer = setInterval(() => {
    const { rss_mb } = proc.memory();
    if (rss_mb !== null && rss_mb > peak) peak = rss_mb;
  }, everyMs);
  try {
    const result = await work();
    return { result, peak_rss_mb: peak };
  } finally {
    clearInterval(timer);
  }
}

export const round = (n, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
