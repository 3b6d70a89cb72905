import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  AppConfig,
  ApprovalWebhookConfig,
  AuditArchiveConfig,
  AuditCheckpointConfig,
  AuditConfig,
  AuditSinkConfig,
  ClickUpConfig,
  ConfigError,
  DatabaseConfig,
  loadConfigs,
  QueueConfig,
  RetryConfig,
  SecurityConfig,
  TracingConfig,
} from '@gw/config';
import { createDataSource, resolveDatabase, waitForMigrations } from '@gw/db';
import { GatewayMetrics, startMetricsServer } from '@gw/metrics';
import { QUEUE_NAMES, QueueBackend } from '@gw/queue';
import { resolveEncryptionKey, SecretBox } from '@gw/security';
import { rekeyOnStart } from './encryption/rekey-on-start';
import { startTracing } from '@gw/tracing';
import { AuditSinkDispatcher } from './audit-sinks/audit-sink-dispatcher';
import { WorkerHost } from './jobs/worker-host';
import { upsertSchedules } from './schedules';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const [
    app,
    databaseConfig,
    queueConfig,
    security,
    clickup,
    retry,
    audit,
    approvalWebhook,
    checkpoints,
    archive,
    tracingConfig,
    auditSink,
  ] = loadConfigs([
    AppConfig,
    DatabaseConfig,
    QueueConfig,
    SecurityConfig,
    ClickUpConfig,
    RetryConfig,
    AuditConfig,
    ApprovalWebhookConfig,
    AuditCheckpointConfig,
    AuditArchiveConfig,
    TracingConfig,
    AuditSinkConfig,
  ] as const);
  // First, so the first jobs are traced; with OTEL_EXPORTER_OTLP_ENDPOINT unset this loads nothing.
  const tracing = await startTracing(tracingConfig, { serviceName: 'clickup-mcp-gateway-worker' });
  const database = await resolveDatabase({
    url: databaseConfig.url,
    dataDir: databaseConfig.dataDir,
    embeddedPort: databaseConfig.embeddedPort,
    host: false,
  });
  const dataSource = createDataSource({
    url: database.url,
    poolSize: database.embedded ? 2 : databaseConfig.poolSize,
    applicationName: 'clickup-gateway-worker',
  });
  await dataSource.initialize();
  await waitForMigrations(dataSource);
  const queues = new QueueBackend({
    redisUrl: queueConfig.redisUrl,
    prefix: queueConfig.prefix,
    databaseUrl: database.url,
    postgresPoolSize: database.embedded ? 2 : 4,
    postgresNotifications: !database.embedded,
  });
  await queues.prepare();
  const secrets = openSecrets(security, database.embedded, app.dataDir);
  const metrics = new GatewayMetrics('worker');
  metrics.measureQueues(() => Object.values(QUEUE_NAMES).map((name) => queues.queue(name)));

  const context = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      dataSource,
      queues,
      logLevel: app.logLevel,
      logFormat: app.logFormat,
      clickup,
      retry,
      audit,
      approvalWebhook,
      checkpoints,
      archive,
      auditSink,
      secrets,
      metrics,
    }),
    { logger: ['error', 'warn'] },
  );
  context.get(WorkerHost).start();
  context.get(AuditSinkDispatcher).start();
  await upsertSchedules(queues, { checkpoints: Boolean(checkpoints.signingKey) });
  if (!checkpoints.signingKey) {
    console.warn(
      'worker: audit checkpoints are off (AUDIT_SIGNING_KEY is unset): see docs/audit-integrity.md',
    );
  }
  if (secrets) {
    // A failed count must not keep the worker from its other jobs: the console's "Re-encrypt now" remains.
    await rekeyOnStart(dataSource, secrets, queues, metrics).then(
      (jobId) =>
        jobId && console.log(`worker: re-encrypting stored secrets under the current key (job ${jobId})`),
      (error: unknown) => console.warn(`worker: could not check stored secrets: ${(error as Error).message}`),
    );
  }
  const metricsServer = app.workerMetricsPort
    ? await startMetricsServer(metrics, {
        port: app.workerMetricsPort,
        host: app.host,
        token: app.metricsToken,
      })
    : null;
  if (metricsServer) console.log(`worker metrics on http://${app.host}:${app.workerMetricsPort}/metrics`);
  if (tracing.enabled) console.log(`worker traces exported to ${tracing.url}`);
  console.log(
    `worker processing jobs (queue: BullMQ on ${queues.kind}, database: ${database.embedded ? 'embedded' : 'PostgreSQL'})`,
  );

  const shutdown = async (signal: string) => {
    console.log(`worker: ${signal}, finishing active jobs`);
    metricsServer?.close();
    await context.close();
    await dataSource.destroy();
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The key that opens ClickUp credentials, for the calls the worker replays. Without one (production without
 * ENCRYPTION_KEY) the worker still runs its other jobs; queued calls are dead-lettered with the reason.
 */
function openSecrets(security: SecurityConfig, embedded: boolean, dataDir: string): SecretBox | null {
  try {
    const key = resolveEncryptionKey({ configured: security.encryptionKey, embedded, dataDir });
    return new SecretBox(key, security.previousEncryptionKey ? [security.previousEncryptionKey] : []);
  } catch (error) {
    console.warn(`worker: queued tool calls cannot run: ${(error as Error).message}`);
    return null;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`config error: ${problem}`);
  } else {
    console.error(`worker failed to start: ${(error as Error).message}`);
  }
  process.exit(1);
});
