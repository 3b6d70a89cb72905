import { AppProcess, freePort, REPO_ROOT } from '@gw/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, Stack, type StackOptions } from './stack';

/** The load balancer docker-compose.yml ships, which the replica suites put in front of the api processes. */
export const SHIPPED_HAPROXY_CONFIG = join(REPO_ROOT, 'deploy/haproxy/haproxy.cfg');

/** Debian's haproxy, if this machine has it (CI installs it; see .ci/run). */
export const HAPROXY_BINARY = ['haproxy', '/usr/sbin/haproxy'].find(
  (bin) => spawnSync(bin, ['-v'], { encoding: 'utf8' }).status === 0,
);

export interface ReplicasOptions extends Omit<StackOptions, 'worker' | 'dashboard'> {
  /** api processes behind the load balancer (default 2). */
  apis?: number;
  /** worker processes on the same Redis queues (default 2). */
  workers?: number;
}

/**
 * The shipped haproxy.cfg with Docker's service discovery replaced by the given loopback replicas (named api-1,
 * api-2, … as haproxy's log names them) and loopback binds. Everything else, the routing, the stickiness and the
 * health checks, is the shipped file's.
 */
export function renderHaproxyConfig(shipped: string, apiPorts: number[], port: number, healthPort: number) {
  const servers = (indent: string) =>
    apiPorts.map((p, i) => `${indent}server api-${i + 1} 127.0.0.1:${p}`).join('\n');
  const rendered = shipped
    .replace(/^(\s*)server-template api \d+-\d+ api:3001$/gm, (_line, indent: string) => servers(indent))
    .replace(/ resolvers docker init-addr none/g, '')
    .replace(/^resolvers docker\n(?:[ \t]+.*\n)*/m, '')
    .replace(/^(\s*)bind :3001$/m, `$1bind 127.0.0.1:${port}`)
    .replace(/^(\s*)bind :8404$/m, `$1bind 127.0.0.1:${healthPort}`);
  const backends = (shipped.match(/^\s*server-template /gm) ?? []).length;
  const expected = backends * apiPorts.length + 2;
  if (backends === 0 || (rendered.match(/127\.0\.0\.1:/g) ?? []).length !== expected)
    throw new Error(
      'deploy/haproxy/haproxy.cfg changed shape: the replica suite cannot point it at its processes',
    );
  return rendered;
}

/** One line of haproxy's `option httplog`, reduced to what the suites count. */
export interface ProxiedRequest {
  frontend: string;
  backend: string;
  server: string;
  status: number;
  /** Tq/Tw/Tc/Tr/Ta: total time haproxy spent on the request, in ms. */
  totalMs: number;
  method: string;
  path: string;
}

const HTTPLOG =
  /\s(\S+)~? (\S+)\/(\S+) -?\d+\/-?\d+\/-?\d+\/-?\d+\/(\d+) (\d+) .*"(\S+) (\S+) HTTP\/[\d.]+"$/;

export function parseHttplog(line: string): ProxiedRequest | null {
  const m = HTTPLOG.exec(line);
  if (!m) return null;
  return {
    frontend: m[1],
    backend: m[2],
    server: m[3],
    totalMs: Number(m[4]),
    status: Number(m[5]),
    method: m[6],
    path: m[7],
  };
}

/**
 * Several api processes and workers on one PostgreSQL and one Redis, behind haproxy started from the shipped
 * configuration, with the ClickUp sandbox: a production deployment at a small scale, on loopback.
 */
export class Replicas {
  readonly stack: Stack;
  readonly apis: AppProcess[] = [];
  readonly apiPorts: number[] = [];
  readonly workers: AppProcess[] = [];
  /** haproxy's console: its request log, one line per request it answered. */
  readonly proxyLog: string[] = [];
  lbPort!: number;
  private proxy?: ChildProcess;
  private proxyDir?: string;
  /** The processes' environment, completed with the load balancer's address at start. */
  private readonly env: Record<string, string>;

  constructor(private readonly options: ReplicasOptions = {}) {
    this.env = { ...options.env };
    this.stack = new Stack('postgres+redis', { ...options, env: this.env, worker: false });
  }

  /** Where clients go: the load balancer. */
  get url(): string {
    return `http://127.0.0.1:${this.lbPort}`;
  }

  /** One api process directly, bypassing the load balancer (0-based). */
  apiUrl(index: number): string {
    return `http://127.0.0.1:${this.apiPorts[index]}`;
  }

  async start(): Promise<void> {
    if (!HAPROXY_BINARY) throw new Error('haproxy is not installed');
    this.lbPort = await freePort();
    // MCP URLs the api hands out point at the load balancer; the api trusts one proxy hop for client addresses,
    // as docker-compose.yml configures it.
    Object.assign(this.env, { PUBLIC_URL: this.url, TRUST_PROXY: '1', ...this.options.env });
    await this.stack.start();
    this.apis.push(this.stack.api);
    this.apiPorts.push(this.stack.port);
    for (let i = 1; i < (this.options.apis ?? 2); i++) {
      const port = await freePort();
      const api = AppProcess.start('api', { ...this.stack.env(), PORT: String(port) });
      await api.waitForLine(/^api listening on/, 120_000);
      this.apis.push(api);
      this.apiPorts.push(port);
    }
    for (let i = 0; i < (this.options.workers ?? 2); i++) {
      const worker = AppProcess.start('worker', this.stack.env());
      await worker.waitForLine(/^worker processing jobs/);
      this.workers.push(worker);
    }
    await this.startProxy();
  }

  private async startProxy(): Promise<void> {
    const config = renderHaproxyConfig(
      readFileSync(SHIPPED_HAPROXY_CONFIG, 'utf8'),
      this.apiPorts,
      this.lbPort,
      await freePort(),
    );
    this.proxyDir = mkdtempSync(join(tmpdir(), 'gw-haproxy-'));
    writeFileSync(join(this.proxyDir, 'haproxy.cfg'), config);
    const proxy = spawn(HAPROXY_BINARY as string, ['-db', '-f', join(this.proxyDir, 'haproxy.cfg')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proxy = proxy;
    const collect = (chunk: Buffer) =>
      this.proxyLog.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    proxy.stdout?.on('data', collect);
    proxy.stderr?.on('data', collect);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proxy.exitCode !== null) throw new Error(`haproxy exited:\n${this.proxyLog.join('\n')}`);
      const ready = await fetch(`${this.url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`haproxy did not answer:\n${this.proxyLog.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The requests haproxy logged from line `from` on. */
  proxied(from = 0): ProxiedRequest[] {
    return this.proxyLog
      .slice(from)
      .map(parseHttplog)
      .filter((r): r is ProxiedRequest => r !== null);
  }

  /** A REST call through the load balancer as the bootstrap owner's API token. */
  rest<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    return restOn<T>(this.url, method, path, body);
  }

  async stop(): Promise<void> {
    if (this.proxy && this.proxy.exitCode === null) {
      const proxy = this.proxy;
      const exited = new Promise((r) => proxy.once('exit', r));
      proxy.kill('SIGTERM');
      await exited;
    }
    if (this.proxyDir) rmSync(this.proxyDir, { recursive: true, force: true });
    await Promise.all(this.workers.map((w) => w.stop()));
    // The first api is the stack's own, stopped with it.
    await Promise.all(this.apis.slice(1).map((a) => a.stop()));
    await this.stack.stop();
  }
}

/** A REST call to one base URL as the bootstrap owner's API token. */
export async function restOn<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN.apiToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
