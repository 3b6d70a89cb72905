import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeClickUpPools } from '@gw/clickup-client';
import { DATABASE_TARGETS, type DatabaseTarget } from '@gw/db/testing';
import { freePort, TEST_REDIS_URL, uniqueQueuePrefix } from '@gw/testing';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../src/app/create-app';
import { closeApiRuntime, createApiRuntime, type ApiRuntime } from '../../src/app/runtime';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { loadApiConfigs } from '../../src/config/runtime';
import { ApiClient, signIn } from './http-client';
import type { Sandbox } from './sandbox';

export const OWNER = { email: 'owner@example.com', password: 'owner-password-0123456789' };

/** Where the api keeps its data: PostgreSQL with BullMQ on Redis, or the embedded defaults (PGlite, no Redis). */
export type ApiStorage = 'postgres+redis' | 'embedded';
export const API_STORAGES: ApiStorage[] = ['postgres+redis', 'embedded'];
export const DASHBOARD_URL = 'http://dashboard.test';

/**
 * The api booted in this process on a fresh PostgreSQL database and a private Redis prefix (or, asked for, on a fresh
 * embedded PGlite with the queue on it), talking to the sandbox, listening on a real port so redirects and MCP URLs
 * carry a usable PUBLIC_URL.
 */
export class ApiUnderTest {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly runtime: ApiRuntime,
    readonly env: Record<string, string>,
    readonly baseUrl: string,
    private readonly database: DatabaseTarget,
  ) {}

  static async start(
    sandbox: Sandbox,
    extraEnv: Record<string, string> = {},
    storage: ApiStorage = 'postgres+redis',
  ): Promise<ApiUnderTest> {
    const [, open] = DATABASE_TARGETS[storage === 'embedded' ? 1 : 0];
    const database = await open('gw_api');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...(storage === 'postgres+redis'
        ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniqueQueuePrefix() }
        : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DASHBOARD_URL,
      CLICKUP_API_BASE_URL: sandbox.url,
      CLICKUP_APP_URL: sandbox.url,
      CLICKUP_OAUTH_CLIENT_ID: 'sandbox-client-id',
      CLICKUP_OAUTH_CLIENT_SECRET: 'sandbox-client-secret',
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      LOG_LEVEL: 'silent',
      ...extraEnv,
    };
    const runtime = await createApiRuntime(loadApiConfigs(env));
    const app = await createApiApp(runtime);
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
    await this.database.close();
  }
}
