import {
  AppProcess,
  createTestDatabase,
  freePort,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
} from '@gw/testing';
import { readEmbeddedDatabaseInfo } from '@gw/db';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProcess } from './dashboard';

export type StackMode = 'embedded' | 'postgres+redis' | 'postgres';

export interface StackOptions {
  /** Start the ClickUp sandbox too and point the api at it (default false). */
  sandbox?: boolean;
  /** Start the worker (default true). */
  worker?: boolean;
  /**
   * Start the built dashboard too (default false). The api's PUBLIC_URL and DASHBOARD_URL are then the dashboard's
   * origin, as in a one-origin deployment: MCP URLs and OAuth callbacks go through the dashboard's proxy.
   */
  dashboard?: boolean;
  env?: Record<string, string>;
}
export const STACK_MODES: StackMode[] = ['embedded', 'postgres+redis', 'postgres'];

export const ADMIN = {
  email: 'owner@example.com',
  password: 'correct-horse-battery-staple',
  apiToken: 'provisioning-token-0123456789abcdef',
};

/** An api and a worker process on one storage mode, as `npm start` or docker-compose would run them. */
export class Stack {
  api!: AppProcess;
  worker?: AppProcess;
  port!: number;
  private database?: TestDatabase;
  private dataDir?: string;
  private readonly queuePrefix = uniqueQueuePrefix();
  /** Set by `setEnv` between restarts (a key rotation, say); applied over everything else. */
  private readonly overrides: Record<string, string | undefined> = {};
  /** Shared by the api and the dashboard, as `npm start` does, so the api sees browsers by their own address. */
  private readonly clientIpSecret = randomBytes(32).toString('base64url');

  sandbox?: AppProcess;
  sandboxUrl?: string;

  dashboard?: DashboardProcess;
  dashboardPort?: number;

  /** Where a browser goes: the dashboard when there is one. */
  get dashboardUrl(): string {
    if (!this.dashboardPort) throw new Error('this stack was started without a dashboard');
    return `http://127.0.0.1:${this.dashboardPort}`;
  }

  constructor(
    readonly mode: StackMode,
    private readonly options: StackOptions = {},
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get databaseName(): string | undefined {
    return this.database?.name;
  }

  /** The database URL as the processes see it (for the embedded mode, the api's loopback socket). */
  get databaseUrl(): string {
    if (this.database) return this.database.url;
    const info = readEmbeddedDatabaseInfo(this.dataDir as string);
    if (!info) throw new Error(`no embedded database is running in ${this.dataDir}`);
    return info.url;
  }

  /** The embedded database's process, as its info file names it (undefined in the other modes or when stopped). */
  get embeddedDatabasePid(): number | undefined {
    if (this.database || !this.dataDir) return undefined;
    return readEmbeddedDatabaseInfo(this.dataDir)?.pid;
  }

  env(): Record<string, string> {
    const env: Record<string, string> = {
      PORT: String(this.port),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ADMIN_API_TOKEN: ADMIN.apiToken,
      DATA_DIR: this.dataDir as string,
      ...(this.sandboxUrl ? { CLICKUP_API_BASE_URL: this.sandboxUrl, CLICKUP_APP_URL: this.sandboxUrl } : {}),
      ...(this.dashboardPort
        ? {
            PUBLIC_URL: this.dashboardUrl,
            DASHBOARD_URL: this.dashboardUrl,
            CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
            CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
            CLIENT_IP_SECRET: this.clientIpSecret,
          }
        : {}),
      ...this.options.env,
    };
    if (this.mode !== 'embedded') {
      env['DATABASE_URL'] = (this.database as TestDatabase).url;
      env['ENCRYPTION_KEY'] = Buffer.alloc(32, 1).toString('base64');
    }
    if (this.mode === 'postgres+redis') {
      env['REDIS_URL'] = TEST_REDIS_URL;
      env['QUEUE_PREFIX'] = this.queuePrefix;
    }
    for (const [name, value] of Object.entries(this.overrides)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    return env;
  }

  /** Environment for the processes started from now on; `undefined` removes a variable. */
  setEnv(vars: Record<string, string | undefined>): void {
    Object.assign(this.overrides, vars);
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.dataDir = mkdtempSync(join(tmpdir(), 'gw-stack-'));
    if (this.mode !== 'embedded') this.database = await createTestDatabase('gw_e2e');
    if (this.options.sandbox) {
      const port = await freePort();
      this.sandbox = AppProcess.start('clickup-sandbox', { SANDBOX_PORT: String(port) });
      await this.sandbox.waitForLine(/ClickUp sandbox listening/);
      this.sandboxUrl = `http://127.0.0.1:${port}`;
    }
    if (this.options.dashboard) this.dashboardPort = await freePort();
    await this.startApi();
    if (this.options.worker !== false) await this.startWorker();
    if (this.options.dashboard) {
      this.dashboard = await DashboardProcess.start(this.dashboardPort as number, this.baseUrl, {
        CLIENT_IP_SECRET: this.clientIpSecret,
      });
    }
  }

  async startApi(): Promise<AppProcess> {
    this.api = AppProcess.start('api', this.env());
    // Embedded mode starts PGlite and migrates it first: close to a minute on a busy 2-core machine.
    await this.api.waitForLine(/^api listening on/, 120_000);
    return this.api;
  }

  async startWorker(): Promise<AppProcess> {
    this.worker = AppProcess.start('worker', this.env());
    await this.worker.waitForLine(/^worker processing jobs/);
    return this.worker;
  }

  /** A call to the REST API as the bootstrap owner's API token. */
  async rest<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token = ADMIN.apiToken,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async stop(): Promise<void> {
    await this.dashboard?.stop();
    await this.worker?.stop();
    await this.api?.stop();
    await this.sandbox?.stop();
    await this.database?.drop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
