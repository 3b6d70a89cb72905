import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { nodeFlags, type AppName } from '@gw/testing';
import {
  AppConfig,
  BootstrapConfig,
  ClickUpConfig,
  DatabaseConfig,
  envVarsOf,
  loadConfigs,
  NetworkConfig,
  QueueConfig,
  SandboxConfig,
  SecurityConfig,
} from '@gw/config';
import { effective, lineage, parseDockerfile, targetStage } from './dockerfile';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  volumes?: string[];
  restart?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const root = join(__dirname, '..', '..');
const compose: ComposeFile = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const { services } = compose;
const SERVER_CONFIGS = [
  AppConfig,
  DatabaseConfig,
  QueueConfig,
  SecurityConfig,
  ClickUpConfig,
  BootstrapConfig,
  NetworkConfig,
] as const;

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no ${name} service`);
  return found;
}

function env(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([k, v]) => [k, String(v)]));
}

/** `host:container` pairs of a service's published ports. */
function ports(name: string): { host: number; container: number }[] {
  return (service(name).ports ?? []).map((mapping) => {
    const [host, container] = mapping.split(':').slice(-2).map(Number);
    return { host, container };
  });
}

/** Resolves `${VAR}`, `${VAR:-default}` and `${VAR:?error}` the way docker compose does. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, op?: string, arg = '') => {
    const set = given[name];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? arg : '';
  });
}

/** The TypeScript the server images run: apps/api, apps/worker, apps/clickup-sandbox and the libs, tests excluded. */
function serverSourceFiles(): string[] {
  const roots = ['apps/api/src', 'apps/worker/src', 'apps/clickup-sandbox/src', 'libs'];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'testing') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  for (const dir of roots) walk(join(root, dir));
  return files;
}

function dockerfileOf(name: string) {
  const build = service(name).build;
  if (!build) throw new Error(`${name} is not built from this repository`);
  return {
    stages: parseDockerfile(readFileSync(join(root, build.context, build.dockerfile), 'utf8')),
    target: build.target,
  };
}

describe('docker-compose.yml', () => {
  it('runs the whole product: stores, api, worker, dashboard, and the sandbox', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'dashboard',
      'haproxy',
      'postgres',
      'redis',
      'sandbox',
      'worker',
    ]);
  });

  it('publishes each process on the port the contract and the config defaults give it', () => {
    // The api publishes nothing, so it scales (`--scale api=2`): haproxy serves its port.
    expect(ports('api')).toEqual([]);
    expect(ports('haproxy')).toEqual([{ host: 3001, container: new AppConfig().port }]);
    expect(new AppConfig().port).toBe(3001);
    expect(ports('dashboard')).toEqual([{ host: 3000, container: 3000 }]);
    expect(ports('sandbox')).toEqual([{ host: 3002, container: new SandboxConfig().port }]);
    expect(new SandboxConfig().port).toBe(3002);
    expect(env('dashboard')['API_INTERNAL_URL']).toBe(`http://haproxy:${new AppConfig().port}`);
    expect(ports('postgres')).toEqual([]);
    expect(ports('redis')).toEqual([]);
  });

  it('gives the api and worker only variables that some config class reads', () => {
    const declared = new Set(SERVER_CONFIGS.flatMap((c) => envVarsOf(c).map((v) => v.name)));
    for (const name of ['api', 'worker']) {
      const unknown = Object.keys(env(name)).filter((key) => !declared.has(key));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
    const sandboxVars = new Set(envVarsOf(SandboxConfig).map((v) => v.name));
    expect(Object.keys(env('sandbox')).filter((key) => !sandboxVars.has(key))).toEqual([]);
    expect(env('sandbox')['SANDBOX_HOST']).toBe('0.0.0.0');
  });

  it('runs api and worker on PostgreSQL and Redis with a required encryption key', () => {
    for (const name of ['api', 'worker']) {
      const vars = env(name);
      expect(vars['DATABASE_URL']).toMatch(/^postgres(ql)?:\/\/.*@postgres:5432\//);
      expect(vars['REDIS_URL']).toMatch(/^redis:\/\/redis:6379/);
      // `:?` makes compose refuse to start without it, rather than run with a guessable key.
      expect(vars['ENCRYPTION_KEY']).toMatch(/^\$\{ENCRYPTION_KEY:\?.+\}$/);
    }
    expect(env('worker')).toEqual(env('api'));
  });

  it('hands the api settings its config classes accept once ENCRYPTION_KEY is given', () => {
    const given = { ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    const resolved = Object.fromEntries(
      Object.entries(env('api')).map(([k, v]) => [k, interpolate(v, given)]),
    );
    const [app, database, queue, security] = loadConfigs(SERVER_CONFIGS, resolved);
    expect(database.url).toBe('postgres://gateway:gateway@postgres:5432/gateway');
    expect(queue.redisUrl).toBe('redis://redis:6379');
    expect(security.encryptionKey).toBe(given.ENCRYPTION_KEY);
    expect(app.port).toBe(3001);
    expect(() => interpolate(env('api')['ENCRYPTION_KEY'], {})).toThrow('ENCRYPTION_KEY is required');
  });

  it('passes ENCRYPTION_KEY_PREVIOUS to the api and the worker during a rotation, and nothing otherwise', () => {
    const keys = {
      ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64'),
      ENCRYPTION_KEY_PREVIOUS: Buffer.alloc(32, 7).toString('base64'),
    };
    for (const name of ['api', 'worker']) {
      const resolve = (given: Record<string, string>) =>
        Object.fromEntries(Object.entries(env(name)).map(([k, v]) => [k, interpolate(v, given)]));
      const [, , , rotating] = loadConfigs(SERVER_CONFIGS, resolve(keys));
      expect(rotating.previousEncryptionKey).toBe(keys.ENCRYPTION_KEY_PREVIOUS);
      const [, , , settled] = loadConfigs(SERVER_CONFIGS, resolve({ ENCRYPTION_KEY: keys.ENCRYPTION_KEY }));
      expect(settled.previousEncryptionKey).toBeUndefined();
    }
  });

  it('starts the worker after the api (which runs the migrations) and the api after its stores', () => {
    expect(service('api').depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(service('worker').depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it('has a healthcheck and a restart policy on every service', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect({ name, healthcheck: svc.healthcheck?.test[0] }).toEqual({
        name,
        healthcheck: expect.stringMatching(/^CMD(-SHELL)?$/),
      });
      expect({ name, restart: svc.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    expect(service('api').healthcheck?.test).toContain(`http://127.0.0.1:${new AppConfig().port}/readyz`);
    expect(existsSync(join(root, 'docker', 'healthcheck.cjs'))).toBe(true);
  });

  it('lets the api scale: no fixed name or port, haproxy in front with the shipped configuration', () => {
    const api = service('api') as Service & { container_name?: string };
    expect(api.container_name).toBeUndefined();
    expect(service('haproxy').volumes).toEqual([
      './deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro',
    ]);
    expect(service('haproxy').image).toMatch(/^haproxy:\d+\.\d+$/);
    const cfg = readFileSync(join(root, 'deploy/haproxy/haproxy.cfg'), 'utf8');
    // haproxy finds every replica of the `api` service through Docker's DNS.
    expect(cfg).toMatch(new RegExp(`server-template api \\d+-\\d+ api:${new AppConfig().port}$`, 'm'));
    expect(cfg).toMatch(new RegExp(`^\\s*bind :${ports('haproxy')[0].container}$`, 'm'));
    expect(service('dashboard').depends_on).toEqual({ haproxy: { condition: 'service_started' } });
    // One proxy hop in front of the api by default.
    expect(interpolate(env('api')['TRUST_PROXY'], {})).toBe('1');
  });

  it('keeps PostgreSQL and Redis data in named volumes', () => {
    expect(service('postgres').volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(service('redis').volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['postgres-data', 'redis-data']);
  });

  it('starts the sandbox only when its profile is asked for', () => {
    expect(service('sandbox').profiles).toEqual(['sandbox']);
    const alwaysOn = Object.entries(services).filter(([, svc]) => !svc.profiles);
    expect(alwaysOn.map(([name]) => name).sort()).toEqual([
      'api',
      'dashboard',
      'haproxy',
      'postgres',
      'redis',
      'worker',
    ]);
  });
});

describe('Dockerfiles', () => {
  it.each(['api', 'worker', 'sandbox', 'dashboard'])('runs the %s image as a non-root user', (name) => {
    const { stages, target } = dockerfileOf(name);
    const user = effective(stages, target, 'USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it.each([
    ['api', 'api'],
    ['worker', 'worker'],
    ['sandbox', 'clickup-sandbox'],
  ])('starts the %s image from the compiled apps/%s entrypoint with the alias hook', (name, app) => {
    const { stages, target } = dockerfileOf(name);
    expect(JSON.parse(effective(stages, target, 'CMD') ?? '[]')).toEqual([
      'node',
      ...nodeFlags(app as AppName),
      '-r',
      './scripts/register-aliases.cjs',
      `dist/server/apps/${app}/src/main.js`,
    ]);
    expect(existsSync(join(root, 'apps', app, 'src'))).toBe(true);
  });

  it.each(['api', 'dashboard'])(
    'builds the %s image with every dependency and ships production ones only',
    (name) => {
      const { stages, target } = dockerfileOf(name);
      const stage = (stageName: string) => stages.find((s) => s.name === stageName);
      const runs = (stageName: string) =>
        (stage(stageName)?.instructions ?? [])
          .filter((i) => i.keyword === 'RUN')
          .map((i) => i.args)
          .join('\n');
      expect(runs('deps')).toMatch(/npm ci$/m);
      expect(runs('build')).toContain(
        name === 'api' ? 'npx tsc -p tsconfig.build.json' : 'npx next build apps/dashboard',
      );
      expect(runs('prod-deps')).toContain('npm ci --omit=dev');

      const chain = lineage(stages, targetStage(stages, target));
      expect(chain.map((s) => s.name)).not.toContain('deps');
      expect(chain[0].from).toBe('${NODE_IMAGE}');
      const copies = chain.flatMap((s) =>
        s.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args),
      );
      expect(copies).toContainEqual(expect.stringMatching(/^--from=prod-deps \/app\/node_modules /));
    },
  );

  it('builds every image from Node 22 LTS, through stages of its own file only', () => {
    for (const file of ['Dockerfile', 'dashboard.Dockerfile']) {
      const text = readFileSync(join(root, 'docker', file), 'utf8');
      expect(text).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
      const stages = parseDockerfile(text);
      // The lock file is npm 11's; Node 22's own npm 10 refuses it.
      const base = stages.find((s) => s.name === 'base');
      expect(base?.instructions).toContainEqual({
        keyword: 'RUN',
        args: expect.stringMatching(/^npm install -g npm@11\.\d+\.\d+$/),
      });
      const named = new Set<string>();
      for (const stage of stages) {
        expect({ file, from: stage.from }).toEqual({
          file,
          from: named.has(stage.from) ? stage.from : '${NODE_IMAGE}',
        });
        if (stage.name) named.add(stage.name);
      }
    }
  });

  it.each(['api', 'worker', 'sandbox'])(
    'ships the %s image without Next.js, React or the dashboard',
    (name) => {
      const { stages, target } = dockerfileOf(name);
      const chain = lineage(stages, targetStage(stages, target));
      const instructions = chain.flatMap((s) => s.instructions);
      const copies = instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
      expect(copies.filter((c) => /dashboard|\.next/.test(c))).toEqual([]);
      expect(instructions.filter((i) => i.keyword === 'RUN' && /\bnext\b/.test(i.args))).toEqual([]);

      // Its node_modules come from prod-deps, which drops the dashboard's packages after installing.
      expect(copies).toContainEqual(expect.stringMatching(/^--from=prod-deps \/app\/node_modules /));
      const install = stages
        .find((s) => s.name === 'prod-deps')
        ?.instructions.find((i) => i.keyword === 'RUN');
      const [ci, uninstall] = (install?.args ?? '').split('&&').map((part) => part.trim());
      expect(ci).toMatch(/npm ci --omit=dev$/);
      expect(uninstall).toMatch(/^npm uninstall --omit=dev --no-save /);
      const dropped = uninstall
        .replace(/^npm uninstall( --\S+)*/, '')
        .trim()
        .split(/\s+/);
      expect(dropped).toEqual(expect.arrayContaining(['next', 'react', 'react-dom', 'tailwindcss']));
      // The build stage compiles the server only.
      const build = stages.find((s) => s.name === 'build')?.instructions ?? [];
      expect(build.filter((i) => i.keyword === 'COPY' && /dashboard/.test(i.args))).toEqual([]);
    },
  );

  it('drops from the server images only packages that no server code imports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const install = parseDockerfile(readFileSync(join(root, 'docker/Dockerfile'), 'utf8'))
      .find((s) => s.name === 'prod-deps')
      ?.instructions.find((i) => i.keyword === 'RUN');
    const dropped = (install?.args.split('&&')[1] ?? '')
      .replace(/^\s*npm uninstall( --\S+)*/, '')
      .trim()
      .split(/\s+/);
    const serverSources = serverSourceFiles().map((file) => readFileSync(file, 'utf8'));
    for (const name of dropped) {
      expect({ name, declared: name in { ...pkg.dependencies, ...pkg.optionalDependencies } }).toEqual({
        name,
        declared: true,
      });
      const imported = new RegExp(`(from |require\\(|import\\()'${name.replace(/[/.]/g, '\\$&')}(/[^']*)?'`);
      expect({ name, importedBy: serverSources.filter((source) => imported.test(source)).length }).toEqual({
        name,
        importedBy: 0,
      });
    }
  });

  it('serves the dashboard with its own server (next start that names the client) on port 3000', () => {
    const { stages, target } = dockerfileOf('dashboard');
    const cmd: string[] = JSON.parse(effective(stages, target, 'CMD') ?? '[]');
    expect(cmd.slice(0, 2)).toEqual(['node', 'apps/dashboard/server.mjs']);
    expect(readFileSync(join(root, 'docker/dashboard.Dockerfile'), 'utf8')).toContain(
      'COPY apps/dashboard/server.mjs ./apps/dashboard/server.mjs',
    );
    expect(cmd.join(' ')).toContain('--port 3000');
  });
});
