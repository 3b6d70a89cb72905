import 'reflect-metadata';
import { ConfigError } from '@gw/config';
import { startTracing } from '@gw/tracing';
import { closeApiRuntime, createApiRuntime } from './app/runtime';
import { createApiApp } from './app/create-app';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { loadApiConfigs } from './config/runtime';

async function main(): Promise<void> {
  const started = Date.now();
  const configs = loadApiConfigs();
  // First, so the api's first requests are traced; with OTEL_EXPORTER_OTLP_ENDPOINT unset this loads nothing.
  const tracing = await startTracing(configs.tracing, { serviceName: 'clickup-mcp-gateway-api' });
  const runtime = await createApiRuntime(configs);
  const app = await createApiApp(runtime);
  const bootstrapper = app.get(BootstrapService);
  const bootstrap = await bootstrapper.ensureOwner();
  const sandboxConnection = await bootstrapper.ensureSandboxConnection(bootstrap).catch((error: Error) => {
    console.error(`could not register the sandbox connection: ${error.message}`);
    return null;
  });
  await app.listen({ port: configs.app.port, host: configs.app.host });

  const { embedded, pid } = runtime.database;
  const mode = embedded
    ? `embedded PGlite in ${configs.app.dataDir}${pid ? `, process ${pid}` : ''}`
    : 'PostgreSQL';
  console.log(
    `api listening on http://localhost:${configs.app.port} (database: ${mode}, queue: BullMQ on ${runtime.queues.kind}) in ${Date.now() - started} ms`,
  );
  console.log(`api docs at ${configs.app.publicUrl}/api/docs`);
  if (sandboxConnection) console.log(`connection "Sandbox workspace" ready (${sandboxConnection})`);
  if (tracing.enabled) console.log(`traces exported to ${tracing.url}`);
  if (bootstrap.created) {
    // Printed on the console once, never logged: the only time this password exists in clear.
    console.log(
      `first start: owner ${bootstrap.ownerEmail} created` +
        (bootstrap.generatedPassword ? ` with password ${bootstrap.generatedPassword}` : ''),
    );
    if (bootstrap.apiTokenRegistered)
      console.log('first start: ADMIN_API_TOKEN registered as an owner API token');
  }

  // Without its database the api can answer nothing (no result goes out without its audit row): stop, so that
  // whatever supervises it (npm start, Docker) shows the failure and can start it again.
  void runtime.database.crashed?.then((reason) => {
    console.error(`api: ${reason}; stopping`);
    process.exit(1);
  });

  const shutdown = async (signal: string) => {
    console.log(`api: ${signal}, shutting down`);
    await app.close();
    await closeApiRuntime(runtime);
    await tracing.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`config error: ${problem}`);
  } else {
    console.error(`api failed to start: ${(error as Error).message}`);
  }
  process.exit(1);
});
