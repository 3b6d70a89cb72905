// The subpath declaration must reach every project that compiles this file (the api and worker include only their own sources).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/pglite-contrib.d.ts" />
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMBEDDED_DB_FILE, readEmbeddedDatabaseInfo } from './database-location';
import { PgliteSessionQueue } from './pglite-session-queue';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens PGlite in `dataDir/pgdata` and serves it to `pg` clients on a loopback port.
 *
 * PGlite is one Postgres session shared by every socket client, so settings are made once here:
 * BullMQ's PostgreSQL backend pins `search_path` through a startup option that pglite-socket ignores,
 * and its functions are only found when the shared session's path includes the `bullmq` schema.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const root = resolve(dataDir);
  const running = readEmbeddedDatabaseInfo(root);
  if (running && running.pid !== process.pid) {
    throw new Error(`the embedded database in ${root} is already open in process ${running.pid}`);
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir: join(root, 'pgdata'), extensions: { pg_trgm } });
  await db.exec('SET search_path TO public, bullmq');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
  PgliteSessionQueue.install(server, db);
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const infoFile = join(root, EMBEDDED_DB_FILE);
  writeFileSync(infoFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    async stop() {
      rmSync(infoFile, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded database when this process hosts it. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set. Otherwise the embedded database: opened here when `host` is true (the api),
 * or found through the info file the api wrote in `DATA_DIR` (the worker waits for it).
 */
export async function resolveDatabase(options: {
  url?: string;
  dataDir: string;
  embeddedPort: number;
  host: boolean;
  waitMs?: number;
}): Promise<ResolvedDatabase> {
  if (options.url) return { url: options.url, embedded: false, stop: async () => undefined };
  if (options.host) {
    const embedded = await startEmbeddedPostgres(options.dataDir, options.embeddedPort);
    return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
  }
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (;;) {
    const info = readEmbeddedDatabaseInfo(resolve(options.dataDir));
    if (info) return { url: info.url, embedded: true, stop: async () => undefined };
    if (Date.now() > deadline) {
      throw new Error(
        `no embedded database is running in ${resolve(options.dataDir)}: start the api, or set DATABASE_URL`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
