import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeClickUpPools } from '@gw/clickup-client';
import {
  createTestDatabase,
  freePort,
  TEST_REDIS_URL,
  type TestDatabase,
  uniqueQueuePrefix,
} from '@gw/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../src/app/create-app';
import { closeApiRuntime, createApiRuntime, type ApiRuntime } from '../../src/app/runtime';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { loadApiConfigs } from '../../src/config/runtime';
import { ApiClient, signIn } from './http-client';
import type { Sandbox } from './sandbox';

export const OWNER = { email: 'owner@example.com', password: 'owner-password-0123456789' };
export const DASHBOARD_URL = 'http://dashboard.test';

/** Where the api keeps its data: PostgreSQL + Redis (the default here), or the embedded defaults (PGlite, no Redis). */
export type Storage = 'PostgreSQL + Redis' | 'embedded';
export const STORAGES: Storage[] = ['PostgreSQL + Redis', 'embedded'];

export interface StartOptions {
  storage?: Storage;
  /** The PostgreSQL database of another api under test, to run a second api process on (it is not dropped here). */
  databaseUrl?: string;
  /** Modules loaded beside the api's own (stand-ins for parts built elsewhere). */
  modules?: NonNullable<ModuleMetadata['imports']>;
}

/**
 * The api booted in this process on a fresh PostgreSQL database and a private Redis prefix, talking to the sandbox,
 * listening on a real port so redirects and MCP URLs carry a usable PUBLIC_URL.
 */
export class ApiUnderTest {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly runtime: ApiRuntime,
    readonly env: Record<string, string>,
    readonly baseUrl: string,
    private readonly database: TestDatabase,
  ) {}

  static async start(
    sandbox: Sandbox | null,
    extraEnv: Record<string, string> = {},
    options: StartOptions = {},
  ): Promise<ApiUnderTest> {
    const database =
      options.storage === 'embedded'
        ? embeddedDirectory()
        : options.databaseUrl
          ? { name: 'shared', url: options.databaseUrl, drop: () => Promise.resolve() }
          : await createTestDatabase('gw_api');
    // Without a sandbox, ClickUp URLs point nowhere: for suites that never reach ClickUp.
    const clickup = sandbox?.url ?? 'http://127.0.0.1:9';
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const stores: Record<string, string> =
      options.storage === 'embedded'
        ? { DATA_DIR: database.url }
        : { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
    const env: Record<string, string> = {
      ...stores,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      QUEUE_PREFIX: uniqueQueuePrefix(),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DASHBOARD_URL,
      CLICKUP_API_BASE_URL: clickup,
      CLICKUP_APP_URL: clickup,
      CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
      CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      LOG_LEVEL: 'silent',
      ...extraEnv,
    };
    const runtime = await createApiRuntime(loadApiConfigs(env));
    const app = await createApiApp(runtime, options.modules);
    await app.get(BootstrapService).ensureOwner();
    await app.listen({ port, host: '127.0.0.1' });
    return new ApiUnderTest(app, runtime, env, baseUrl, database);
  }

  get anonymous(): ApiClient {
    return new ApiClient(this.baseUrl);
  }

  signIn(email = OWNER.email, password = OWNER.password): Promise<ApiClient> {
    return signIn(this.baseUrl, email, password);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.runtime.dataSource.query(sql, params);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await closeApiRuntime(this.runtime);
    await closeClickUpPools();
    await this.database.drop();
  }
}

/** A fresh DATA_DIR for the embedded database; `url` is the directory, dropped with it. */
function embeddedDirectory(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'gw-api-embedded-'));
  return {
    name: 'embedded',
    url: dir,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}
