// `npm start`: the whole product on one machine — ClickUp sandbox, api, worker and dashboard — on the embedded
// defaults unless DATABASE_URL / REDIS_URL are set. One Ctrl-C stops everything.
import {
  buildDashboardIfStale,
  buildServer,
  serverEntry,
  startProcess,
  stopAllOnSignal,
  ROOT,
} from './lib/processes.mjs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const started = Date.now();
const apiPort = process.env.PORT ?? '3001';
const dashboardPort = process.env.DASHBOARD_PORT ?? '3000';
const sandboxPort = process.env.SANDBOX_PORT ?? '3002';
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

buildServer();
buildDashboardIfStale();

const processes = [];
const stop = stopAllOnSignal(processes);

try {
  const sandbox = startProcess('sandbox', serverEntry('clickup-sandbox'), { SANDBOX_PORT: sandboxPort });
  processes.push(sandbox);
  await sandbox.waitFor(/^ClickUp sandbox listening/);

  const productEnv = {
    PORT: apiPort,
    // Short readable log lines here; JSON (the processes' default) for a log pipeline in production.
    LOG_FORMAT: process.env.LOG_FORMAT ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    DASHBOARD_URL: process.env.DASHBOARD_URL ?? `http://localhost:${dashboardPort}`,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${apiPort}`,
    // Until a real ClickUp is configured, "ClickUp" is the local sandbox, OAuth consent page included.
    CLICKUP_API_BASE_URL: process.env.CLICKUP_API_BASE_URL ?? sandboxUrl,
    CLICKUP_APP_URL: process.env.CLICKUP_APP_URL ?? sandboxUrl,
    CLICKUP_OAUTH_CLIENT_ID: process.env.CLICKUP_OAUTH_CLIENT_ID ?? 'sandbox-client-id',
    CLICKUP_OAUTH_CLIENT_SECRET: process.env.CLICKUP_OAUTH_CLIENT_SECRET ?? 'sandbox-client-secret',
    // A ready connection to the sandbox, unless ClickUp itself is configured.
    ...(process.env.CLICKUP_API_BASE_URL ? {} : { SANDBOX_CONNECTION_TOKEN: 'pk_sandbox_owner' }),
    // Shared by the api and the dashboard only, so the api believes the browser address the dashboard passes on.
    CLIENT_IP_SECRET: process.env.CLIENT_IP_SECRET ?? randomBytes(32).toString('base64url'),
  };
  const api = startProcess('api', serverEntry('api'), productEnv);
  processes.push(api);
  await api.waitFor(/^api listening on/);

  const worker = startProcess('worker', serverEntry('worker'), productEnv);
  processes.push(worker);

  const dashboard = startProcess(
    'dashboard',
    [join(ROOT, 'apps/dashboard/server.mjs'), '--port', dashboardPort],
    { API_INTERNAL_URL: `http://127.0.0.1:${apiPort}`, CLIENT_IP_SECRET: productEnv.CLIENT_IP_SECRET },
  );
  processes.push(dashboard);
  await Promise.all([
    worker.waitFor(/^worker processing jobs/),
    dashboard.waitFor(/Ready in|started server/i),
  ]);

  console.log(`
  ClickUp MCP Gateway is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
    dashboard   http://localhost:${dashboardPort}
    api         http://localhost:${apiPort}   (docs: /api/docs, health: /readyz)
    sandbox     ${sandboxUrl}   (a local ClickUp; personal token pk_sandbox_owner)
  Sign in with the owner credentials printed by [api] on first start. Ctrl-C stops everything.
`);
  for (const p of processes) {
    p.child.once('exit', (code, signal) => {
      console.error(`${p.name} exited (${signal ?? `code ${code}`})`);
      void stop('failure');
    });
  }
} catch (error) {
  console.error(`npm start failed: ${error.message}`);
  void stop('failure');
}
