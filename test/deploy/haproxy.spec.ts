import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// deploy/haproxy/haproxy.cfg, the load balancer docker-compose.yml puts in front of the api: HAProxy accepts it,
// and, pointed at two stand-in replicas on loopback, it spreads Streamable HTTP round robin, keeps each legacy SSE
// URL on one replica, stops sending to a replica whose /readyz fails, and sends a request a dead replica refused to
// the other. test/scale/replicas.e2e-spec.ts runs the same file in front of real api processes.

const root = join(__dirname, '..', '..');
const CONFIG = join(root, 'deploy/haproxy/haproxy.cfg');
const haproxyBinary = ['haproxy', '/usr/sbin/haproxy'].find(
  (bin) => spawnSync(bin, ['-v'], { encoding: 'utf8' }).status === 0,
);
if (!haproxyBinary)
  console.warn(
    "haproxy is not installed: deploy/haproxy/haproxy.cfg was not checked (CI installs Debian's haproxy)",
  );
const describeWithHaproxy = haproxyBinary ? describe : describe.skip;

const composeWorks = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
if (!composeWorks) console.warn('docker compose is not available: `docker compose config` was not run');

/** A stand-in api replica: answers every request with its name; /readyz follows `ready`. */
class Replica {
  ready = true;
  readonly server: Server;
  constructor(readonly name: string) {
    this.server = createServer((req, res) => {
      if (req.url === '/readyz') {
        res.writeHead(this.ready ? 200 : 503).end();
        return;
      }
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(this.name));
    });
  }
  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port)),
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The replica that answered one request through the proxy. */
function send(port: number, method: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 ? body : `status ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithHaproxy('deploy/haproxy/haproxy.cfg', () => {
  it('is a valid HAProxy configuration (haproxy -c)', () => {
    const result = spawnSync(haproxyBinary as string, ['-c', '-f', CONFIG], { encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/\[(ALERT|WARNING)\]/);
    expect(result.status).toBe(0);
  });

  describe('in front of two replicas', () => {
    const replicas = [new Replica('api-1'), new Replica('api-2')];
    let proxy: ChildProcess;
    let port: number;
    let dir: string;

    beforeAll(async () => {
      const [a, b] = await Promise.all(replicas.map((r) => r.listen()));
      port = await freePort();
      const healthPort = await freePort();
      // The shipped file, with Docker's DNS name of the api replaced by the two replicas, loopback binds, and
      // quicker health checks so the test need not wait 10 s for a replica to be marked down.
      const cfg = readFileSync(CONFIG, 'utf8')
        .replace(
          /^(\s*)server-template api \d+-\d+ api:3001$/gm,
          `$1server api-1 127.0.0.1:${a}\n$1server api-2 127.0.0.1:${b}`,
        )
        .replace(/ resolvers docker init-addr none/g, '')
        .replace(/inter 5s/g, 'inter 100ms')
        .replace(/^(\s*)bind :3001$/m, `$1bind 127.0.0.1:${port}`)
        .replace(/^(\s*)bind :8404$/m, `$1bind 127.0.0.1:${healthPort}`);
      expect(cfg.match(/127\.0\.0\.1:/g)).toHaveLength(6);
      dir = mkdtempSync(join(tmpdir(), 'haproxy-'));
      writeFileSync(join(dir, 'haproxy.cfg'), cfg);
      proxy = spawn(haproxyBinary as string, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' });
      // Both replicas are up once round robin reaches both.
      await until(async () => {
        const seen = new Set<string>();
        for (let i = 0; i < 4; i++) seen.add(await send(port, 'POST', '/mcp/cmcp_a').catch(() => 'down'));
        return seen.has('api-1') && seen.has('api-2');
      }, 10_000);
    });

    afterAll(async () => {
      proxy?.kill('SIGTERM');
      await Promise.all(
        replicas.map((r) => (r.server.listening ? new Promise((resolve) => r.server.close(resolve)) : null)),
      );
      rmSync(dir, { recursive: true, force: true });
    });

    it('spreads Streamable HTTP requests of one MCP URL round robin', async () => {
      const answers: string[] = [];
      for (let i = 0; i < 10; i++) answers.push(await send(port, 'POST', '/mcp/cmcp_same_url'));
      expect(answers.filter((a) => a === 'api-1')).toHaveLength(5);
      expect(answers.filter((a) => a === 'api-2')).toHaveLength(5);
    });

    it('sends the legacy SSE stream and the messages of one MCP URL to one replica', async () => {
      const homes = new Set<string>();
      for (let t = 0; t < 16; t++) {
        const url = `/mcp/cmcp_token_${t}`;
        const answers = [await send(port, 'GET', `${url}/sse`)];
        for (let i = 0; i < 4; i++) answers.push(await send(port, 'POST', `${url}/messages?sessionId=s${i}`));
        expect(new Set(answers).size).toBe(1);
        homes.add(answers[0]);
      }
      // …while different URLs still land on both replicas.
      expect([...homes].sort()).toEqual(['api-1', 'api-2']);
    });

    it('stops sending to a replica whose /readyz fails, and takes it back when it passes', async () => {
      replicas[0].ready = false;
      await until(
        async () =>
          (await send(port, 'POST', '/mcp/cmcp_x')) === 'api-2' &&
          (await send(port, 'POST', '/mcp/cmcp_x')) === 'api-2',
        5_000,
      );
      const answers: string[] = [];
      for (let i = 0; i < 6; i++) answers.push(await send(port, 'POST', '/mcp/cmcp_x'));
      for (let t = 0; t < 6; t++) answers.push(await send(port, 'GET', `/mcp/cmcp_token_${t}/sse`));
      expect(new Set(answers)).toEqual(new Set(['api-2']));

      replicas[0].ready = true;
      await until(async () => {
        const seen = new Set<string>();
        for (let i = 0; i < 4; i++) seen.add(await send(port, 'POST', '/mcp/cmcp_x'));
        return seen.has('api-1');
      }, 5_000);
    });

    it('retries a request on the other replica when one goes away before its health checks notice', async () => {
      // The replica dies: its port refuses connections, and haproxy has not yet marked it down.
      replicas[0].server.closeAllConnections();
      await new Promise((resolve) => replicas[0].server.close(resolve));
      const answers: string[] = [];
      for (let i = 0; i < 10; i++) answers.push(await send(port, 'POST', '/mcp/cmcp_after_crash'));
      expect(new Set(answers)).toEqual(new Set(['api-2']));
    });
  });
});

(composeWorks ? it : it.skip)('docker compose accepts docker-compose.yml', () => {
  const result = spawnSync(
    'docker',
    ['compose', '-f', join(root, 'docker-compose.yml'), 'config', '--quiet'],
    {
      encoding: 'utf8',
      env: { ...process.env, ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') },
    },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});
