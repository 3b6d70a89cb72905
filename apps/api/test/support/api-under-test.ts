import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeClickUpPools } from '@gw/clickup-client';
import type { DATABASE_TARGETS, DatabaseTarget } from '@gw/db/testing';
import { createTestDatabase, freePort, TEST_REDIS_URL, uniqueQueuePrefix } from '@gw/testing';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../src/app/create-app';
import { closeApiRuntime, createApiRuntime, type ApiRuntime } from '../../src/app/runtime';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { loadApiConfigs } from '../../src/config/runtime';
import { ApiClient, signIn } from './http-client';
import type { Sandbox } from './sandbox';

export const OWNER = { email: 'owner@example.com', password: 'owner-password-0123456789' };
export const DASHBOARD_URL = 'http://dashboard.test';

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
    private readonly database: DatabaseTarget,
  ) {}

  /**
   * `target` picks the database (one of `DATABASE_TARGETS`); by default a fresh PostgreSQL database with the queue
   * on Redis. On embedded PGlite the queue runs on the database, as `npm start` runs it.
   */
  static async start(
    sandbox: Sandbox,
    extraEnv: Record<string, string> = {},
    target?: (typeof DATABASE_TARGETS)[number],
  ): Promise<ApiUnderTest> {
    const database: DatabaseTarget = target
      ? await target[1]('gw_api')
      : await createTestDatabase('gw_api').then((db) => ({ url: db.url, close: () => db.drop() }));
    const embedded = target !== undefined && target[0] !== 'PostgreSQL';
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ...(embedded ? {} : { REDIS_URL: TEST_REDIS_URL }),
      QUEUE_PREFIX: uniqueQueuePrefix(),
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
