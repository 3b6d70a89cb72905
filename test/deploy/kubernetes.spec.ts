import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  AppConfig,
  ApprovalWebhookConfig,
  AuditArchiveConfig,
  AuditCheckpointConfig,
  AuditConfig,
  BootstrapConfig,
  ClickUpConfig,
  DatabaseConfig,
  envVarsOf,
  fileVariableOf,
  loadConfigs,
  McpConfig,
  NetworkConfig,
  OAuthConfig,
  OidcConfig,
  QueueConfig,
  RetryConfig,
  SecurityConfig,
  SessionConfig,
} from '@gw/config';
import { effective, parseDockerfile } from './dockerfile';

// What an operator relies on in deploy/kubernetes: both overlays render with `kubectl kustomize`, every object
// passes the Kubernetes schemas, and the probes, secrets, disruption budget, autoscaler, images and resources are
// what deploy/kubernetes/README.md says.

interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: { command: string[] };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  automountServiceAccountToken?: boolean;
  volumes?: {
    name: string;
    secret?: { secretName: string };
    persistentVolumeClaim?: { claimName: string };
  }[];
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Each kind's spec is read through the helpers below.
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

const root = join(__dirname, '..', '..');
const OVERLAYS = ['production', 'embedded-demo'] as const;
type Overlay = (typeof OVERLAYS)[number];
const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
if (!haveKubectl) {
  console.warn(
    "kubectl is not installed: the Kubernetes manifests were not rendered (CI installs Debian's kubectl)",
  );
}
const describeWithKubectl = haveKubectl ? describe : describe.skip;

function render(overlay: Overlay): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', join(root, 'deploy/kubernetes/overlays', overlay)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as K8sObject);
}

const rendered = new Map<Overlay, K8sObject[]>();
function objects(overlay: Overlay): K8sObject[] {
  if (!rendered.has(overlay)) rendered.set(overlay, render(overlay));
  return rendered.get(overlay) ?? [];
}
function find(overlay: Overlay, kind: string, name: string): K8sObject {
  const found = objects(overlay).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${overlay} renders no ${kind} ${name}`);
  return found;
}
function ofKind(overlay: Overlay, kind: string): K8sObject[] {
  return objects(overlay).filter((o) => o.kind === kind);
}
/** The pod template of a Deployment or a Job. */
function podSpec(workload: K8sObject): PodSpec {
  return (workload.spec as { template: { spec: PodSpec } }).template.spec;
}
function workloads(overlay: Overlay): K8sObject[] {
  return objects(overlay).filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
}
function container(workload: K8sObject, name: string): Container {
  const found = podSpec(workload).containers.find((c) => c.name === name);
  if (!found) throw new Error(`${workload.metadata.name} has no container ${name}`);
  return found;
}
/** A probe's port as a number, resolving a named port against the container's ports. */
function probePort(c: Container, probe: Probe | undefined): number | undefined {
  const port = probe?.httpGet?.port;
  return typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;
}

/** Every variable the api and worker read, and which of them are secrets. */
const SERVER_CONFIGS = [
  AppConfig,
  DatabaseConfig,
  QueueConfig,
  SecurityConfig,
  ClickUpConfig,
  BootstrapConfig,
  McpConfig,
  AuditConfig,
  AuditCheckpointConfig,
  AuditArchiveConfig,
  RetryConfig,
  ApprovalWebhookConfig,
  SessionConfig,
  NetworkConfig,
  OidcConfig,
  OAuthConfig,
];
const serverVars = SERVER_CONFIGS.flatMap((c) => envVarsOf(c));
const SECRET_VARS = new Set(serverVars.filter((v) => v.secret).map((v) => v.name));
const KNOWN_VARS = new Set([
  ...serverVars.map((v) => v.name),
  ...[...SECRET_VARS].map((name) => fileVariableOf(name)),
]);

describeWithKubectl('deploy/kubernetes', () => {
  describe.each(OVERLAYS)('the %s overlay', (overlay) => {
    it('renders, and every object passes the Kubernetes schemas', () => {
      const all = objects(overlay);
      expect(all.length).toBeGreaterThan(10);
      const result = spawnSync(process.execPath, [join(__dirname, 'kubernetes-schemas.mjs')], {
        input: JSON.stringify(all),
        encoding: 'utf8',
        cwd: root,
      });
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      expect(JSON.parse(result.stdout)).toEqual([]);
    });

    it('puts everything in its own namespace', () => {
      const namespaces = ofKind(overlay, 'Namespace').map((n) => n.metadata.name);
      expect(namespaces).toHaveLength(1);
      const others = objects(overlay).filter(
        (o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespaces[0],
      );
      expect(others.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    });

    it('probes the api on /healthz (start, liveness) and /readyz (readiness) on its port', () => {
      const api = container(find(overlay, 'Deployment', 'clickup-gateway-api'), 'api');
      expect(api.ports).toEqual([{ name: 'http', containerPort: new AppConfig().port }]);
      expect(api.startupProbe?.httpGet?.path).toBe('/healthz');
      expect(api.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(api.readinessProbe?.httpGet?.path).toBe('/readyz');
      for (const probe of [api.startupProbe, api.livenessProbe, api.readinessProbe]) {
        expect(probePort(api, probe)).toBe(3001);
      }
      expect(api.env).toContainEqual({ name: 'PORT', value: '3001' });
    });

    it('gives every container requests and limits for CPU and memory', () => {
      for (const workload of workloads(overlay)) {
        for (const c of podSpec(workload).containers) {
          expect({ container: `${workload.metadata.name}/${c.name}`, resources: c.resources }).toEqual({
            container: `${workload.metadata.name}/${c.name}`,
            resources: {
              requests: { cpu: expect.any(String), memory: expect.any(String) },
              limits: { cpu: expect.any(String), memory: expect.any(String) },
            },
          });
        }
      }
    });

    it('runs every container unprivileged: non-root, read-only root, no capabilities, no API token', () => {
      for (const workload of workloads(overlay)) {
        const pod = podSpec(workload);
        expect({ pod: workload.metadata.name, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({
          pod: workload.metadata.name,
          runAsNonRoot: true,
        });
        expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of pod.containers) {
          expect({ container: c.name, securityContext: c.securityContext }).toEqual({
            container: c.name,
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
          });
        }
      }
    });

    it(`pins every image by tag to the release in package.json (${version})`, () => {
      const images = workloads(overlay).flatMap((w) => podSpec(w).containers.map((c) => c.image));
      expect(images.length).toBeGreaterThan(2);
      const tag = `:${version}`;
      for (const image of images) {
        expect(image).toMatch(
          /^([a-z0-9.-]+\/)*clickup-mcp-gateway\/(api|worker|dashboard|sandbox):[^:/@]+$/,
        );
        expect(image.endsWith(tag)).toBe(true);
      }
    });

    it('hands the api and worker only variables some config class reads', () => {
      const config = find(overlay, 'ConfigMap', 'clickup-gateway-config');
      const fromConfigMap = Object.keys(config.data ?? {});
      const servers = workloads(overlay)
        .flatMap((w) => podSpec(w).containers)
        .filter((c) => c.image.includes('/api:') || c.image.includes('/worker:'));
      const names = [...fromConfigMap, ...servers.flatMap((c) => (c.env ?? []).map((e) => e.name))];
      expect(names.filter((name) => !KNOWN_VARS.has(name))).toEqual([]);
    });

    it('gives the api settings its config classes accept, secrets read from the mounted files', () => {
      const config = find(overlay, 'ConfigMap', 'clickup-gateway-config');
      const api = container(find(overlay, 'Deployment', 'clickup-gateway-api'), 'api');
      // What the operator's Secret would hold, written where the pod would see it.
      const dir = mkdtempSync(join(tmpdir(), 'k8s-secrets-'));
      const secrets: Record<string, string> = {
        ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        DATABASE_URL: 'postgres://gateway:pw@postgres.example.internal:5432/gateway',
        REDIS_URL: 'rediss://:pw@redis.example.internal:6380',
        CLIENT_IP_SECRET: 'x'.repeat(44),
      };
      try {
        const env: Record<string, string> = { ...config.data };
        for (const e of api.env ?? []) {
          if (e.value === undefined) continue;
          const secret = [...SECRET_VARS].find((name) => e.name === fileVariableOf(name));
          if (secret) {
            const path = join(dir, secret);
            writeFileSync(path, `${secrets[secret]}\n`);
            env[e.name] = path;
          } else {
            env[e.name] = e.value;
          }
        }
        const [app, database, queue, security, network] = loadConfigs(
          [AppConfig, DatabaseConfig, QueueConfig, SecurityConfig, NetworkConfig] as const,
          env,
        );
        expect(app.port).toBe(3001);
        expect(app.publicUrl).toMatch(/^https:\/\//);
        expect(network.trustProxy).toBe(1);
        if (overlay === 'production') {
          expect(database.url).toBe(secrets['DATABASE_URL']);
          expect(queue.redisUrl).toBe(secrets['REDIS_URL']);
          expect(security.encryptionKey).toBe(secrets['ENCRYPTION_KEY']);
          expect(network.clientIpSecret).toBe(secrets['CLIENT_IP_SECRET']);
        } else {
          expect(database.embedded).toBe(true);
          expect(database.dataDir).toBe('/data');
          expect(queue.redisUrl).toBeUndefined();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('routes the api paths over TLS and keeps /metrics off the Ingress', () => {
      const ingresses = ofKind(overlay, 'Ingress');
      const paths = ingresses.flatMap((ingress) => {
        const spec = ingress.spec as {
          tls: { hosts: string[]; secretName: string }[];
          rules: {
            host: string;
            http: { paths: { path: string; backend: { service: { name: string } } }[] };
          }[];
        };
        expect(spec.tls[0].secretName).toBeTruthy();
        for (const rule of spec.rules) expect(spec.tls[0].hosts).toContain(rule.host);
        return spec.rules.flatMap((r) => r.http.paths.map((p) => [p.path, p.backend.service.name]));
      });
      expect(paths).toEqual(
        expect.arrayContaining([
          ['/mcp', 'clickup-gateway-api'],
          ['/api', 'clickup-gateway-api'],
          ['/.well-known', 'clickup-gateway-api'],
          ['/oauth', 'clickup-gateway-api'],
          ['/oauth/consent', 'clickup-gateway-dashboard'],
          ['/', 'clickup-gateway-dashboard'],
        ]),
      );
      expect(paths.map(([path]) => path).filter((p) => /metrics|healthz|readyz/.test(p))).toEqual([]);
    });

    it('keeps legacy SSE sessions on one replica with cookie affinity on those paths only', () => {
      const sticky = find(overlay, 'Ingress', 'clickup-gateway-legacy-sse');
      expect(sticky.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/affinity': 'cookie',
        'nginx.ingress.kubernetes.io/use-regex': 'true',
      });
      const spec = sticky.spec as { rules: { http: { paths: { path: string }[] } }[] };
      const pattern = new RegExp(spec.rules[0].http.paths[0].path);
      const token = `cmcp_${'A'.repeat(43)}`;
      expect(pattern.test(`/mcp/${token}/sse`)).toBe(true);
      expect(pattern.test(`/mcp/${token}/messages`)).toBe(true);
      expect(pattern.test(`/mcp/${token}`)).toBe(false);
      const main = find(overlay, 'Ingress', 'clickup-gateway');
      expect(main.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
    });

    it('denies all traffic by default, then allows DNS and the api from the ingress controller and the dashboard', () => {
      const policies = ofKind(overlay, 'NetworkPolicy');
      const byName = (name: string) =>
        policies.find((p) => p.metadata.name === name)?.spec as Record<string, unknown>;
      expect(byName('clickup-gateway-default-deny')).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
      expect(JSON.stringify(byName('clickup-gateway-allow-dns'))).toContain('"port":53');
      const api = byName('clickup-gateway-api') as {
        ingress: { from: unknown[]; ports: { port: number }[] }[];
      };
      expect(api.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 3001 }]);
      expect(JSON.stringify(api.ingress[0].from)).toContain('ingress-nginx');
      expect(JSON.stringify(api.ingress[0].from)).toContain('"app.kubernetes.io/component":"dashboard"');
    });

    it('points each Service at pods that have its target port', () => {
      for (const service of ofKind(overlay, 'Service')) {
        const spec = service.spec as { selector: Record<string, string>; ports: { targetPort: string }[] };
        const pods = workloads(overlay).filter((w) => {
          const labels = (w.spec as { template: { metadata: { labels: Record<string, string> } } }).template
            .metadata.labels;
          return Object.entries(spec.selector).every(([k, v]) => labels[k] === v);
        });
        expect({ service: service.metadata.name, pods: pods.length }).toEqual({
          service: service.metadata.name,
          pods: 1,
        });
        const names = podSpec(pods[0]).containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
        for (const port of spec.ports) expect(names).toContain(port.targetPort);
      }
    });
  });

  describe('production', () => {
    const overlay = 'production';

    it('never puts a secret in the manifests: secrets come from the Secret, as files or references', () => {
      for (const workload of workloads(overlay)) {
        for (const c of podSpec(workload).containers) {
          const inlined = (c.env ?? []).filter((e) => SECRET_VARS.has(e.name) && e.value !== undefined);
          expect({ container: `${workload.metadata.name}/${c.name}`, inlined }).toEqual({
            container: `${workload.metadata.name}/${c.name}`,
            inlined: [],
          });
          for (const e of c.env ?? []) {
            if (e.valueFrom?.secretKeyRef)
              expect(e.valueFrom.secretKeyRef.name).toBe('clickup-gateway-secrets');
          }
        }
      }
      expect(ofKind(overlay, 'Secret')).toEqual([]);
      const config = find(overlay, 'ConfigMap', 'clickup-gateway-config');
      expect(Object.keys(config.data ?? {}).filter((k) => SECRET_VARS.has(k))).toEqual([]);
    });

    it.each([
      ['clickup-gateway-api', 'api', ['ENCRYPTION_KEY', 'DATABASE_URL', 'REDIS_URL', 'CLIENT_IP_SECRET']],
      ['clickup-gateway-worker', 'worker', ['ENCRYPTION_KEY', 'DATABASE_URL', 'REDIS_URL']],
      ['clickup-gateway-migrate', 'migrate', ['DATABASE_URL']],
    ])('mounts the Secret as files for %s and points each *_FILE into it', (name, containerName, secrets) => {
      const workload = [...ofKind(overlay, 'Deployment'), ...ofKind(overlay, 'Job')].find(
        (w) => w.metadata.name === name,
      );
      if (!workload) throw new Error(`no ${name}`);
      const c = container(workload, containerName);
      const volume = podSpec(workload).volumes?.find(
        (v) => v.secret?.secretName === 'clickup-gateway-secrets',
      );
      const mount = c.volumeMounts?.find((m) => m.name === volume?.name);
      expect(mount?.readOnly).toBe(true);
      for (const secret of secrets) {
        expect(c.env).toContainEqual({
          name: fileVariableOf(secret),
          value: `${mount?.mountPath}/${secret}`,
        });
      }
    });

    it('autoscales the api Deployment from two replicas, and keeps one through disruptions', () => {
      const hpa = find(overlay, 'HorizontalPodAutoscaler', 'clickup-gateway-api').spec as {
        scaleTargetRef: { apiVersion: string; kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
      expect(hpa.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'clickup-gateway-api',
      });
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);

      const pdb = find(overlay, 'PodDisruptionBudget', 'clickup-gateway-api').spec as {
        minAvailable: number;
        selector: { matchLabels: Record<string, string> };
      };
      expect(pdb.minAvailable).toBe(1);
      const api = find(overlay, 'Deployment', 'clickup-gateway-api');
      const apiSpec = api.spec as {
        replicas: number;
        template: { metadata: { labels: Record<string, string> } };
      };
      expect(apiSpec.template.metadata.labels).toMatchObject(pdb.selector.matchLabels);
      expect(apiSpec.replicas).toBeGreaterThan(pdb.minAvailable);
    });

    it('runs the worker as its own Deployment that nothing can reach', () => {
      const worker = find(overlay, 'Deployment', 'clickup-gateway-worker');
      expect(container(worker, 'worker').livenessProbe?.exec?.command).toEqual([
        'node',
        'docker/healthcheck.cjs',
        '--worker',
      ]);
      const policy = find(overlay, 'NetworkPolicy', 'clickup-gateway-worker').spec as {
        policyTypes: string[];
        ingress?: unknown[];
        egress: { ports: { port: number }[] }[];
      };
      expect(policy.policyTypes).toContain('Ingress');
      expect(policy.ingress).toBeUndefined();
      expect(policy.egress.flatMap((e) => e.ports.map((p) => p.port)).sort()).toEqual([443, 5432, 6379]);
    });

    it('migrates with the compiled migrate entrypoint of the api image, as the image starts the api', () => {
      const job = find(overlay, 'Job', 'clickup-gateway-migrate');
      const migrate = container(job, 'migrate');
      const api = container(find(overlay, 'Deployment', 'clickup-gateway-api'), 'api');
      expect(migrate.image).toBe(api.image);
      expect(migrate.command).toEqual([
        'node',
        '-r',
        './scripts/register-aliases.cjs',
        'dist/server/apps/api/src/migrate.js',
      ]);
      expect(existsSync(join(root, 'apps/api/src/migrate.ts'))).toBe(true);
      const stages = parseDockerfile(readFileSync(join(root, 'docker/Dockerfile'), 'utf8'));
      expect(JSON.parse(effective(stages, 'api', 'CMD') ?? '[]')).toEqual(
        expect.arrayContaining(['-r', './scripts/register-aliases.cjs', 'dist/server/apps/api/src/main.js']),
      );
      expect(
        (job.spec as { template: { spec: { restartPolicy: string } } }).template.spec.restartPolicy,
      ).toBe('Never');
    });
  });

  describe('embedded-demo', () => {
    const overlay = 'embedded-demo';

    it('runs one api pod on a volume, with the worker beside it and no external stores', () => {
      const api = find(overlay, 'Deployment', 'clickup-gateway-api');
      const spec = api.spec as { replicas: number; strategy: { type: string } };
      expect(spec.replicas).toBe(1);
      expect(spec.strategy.type).toBe('Recreate');
      expect(ofKind(overlay, 'HorizontalPodAutoscaler')).toEqual([]);
      expect(ofKind(overlay, 'Deployment').map((d) => d.metadata.name)).not.toContain(
        'clickup-gateway-worker',
      );
      expect(ofKind(overlay, 'Job')).toEqual([]);

      const data = podSpec(api).volumes?.find((v) => v.persistentVolumeClaim);
      expect(data?.persistentVolumeClaim?.claimName).toBe(
        find(overlay, 'PersistentVolumeClaim', 'clickup-gateway-data').metadata.name,
      );
      for (const name of ['api', 'worker']) {
        const c = container(api, name);
        const mount = c.volumeMounts?.find((m) => m.name === data?.name);
        expect(c.env).toContainEqual({ name: 'DATA_DIR', value: mount?.mountPath });
        const names = (c.env ?? []).map((e) => e.name);
        expect(names.filter((n) => /^(DATABASE_URL|REDIS_URL)(_FILE)?$/.test(n))).toEqual([]);
      }
      expect(container(api, 'worker').image).toMatch(/\/worker:/);
    });

    it('comes with the sandbox, wired as the ClickUp the api talks to', () => {
      const sandbox = container(find(overlay, 'Deployment', 'clickup-gateway-sandbox'), 'sandbox');
      expect(sandbox.ports?.[0].containerPort).toBe(3002);
      const config = find(overlay, 'ConfigMap', 'clickup-gateway-config');
      expect(config.data?.['CLICKUP_API_BASE_URL']).toBe('http://clickup-gateway-sandbox:3002');
    });
  });
});
