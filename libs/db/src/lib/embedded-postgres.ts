// The subpath declaration must reach every project that compiles this file (the api and worker include only their own sources).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/pglite-contrib.d.ts" />
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMBEDDED_DB_FILE, readEmbeddedDatabaseInfo } from './database-location';
import { PasswordSocketServer } from './password-socket-server';

/** Shared buffers of the embedded database (see `startEmbeddedPostgres`). */
const EMBEDDED_SHARED_BUFFERS = '16MB';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens PGlite in `dataDir/pgdata` and serves it to `pg` clients on a loopback port, behind a password drawn anew at
 * each start. The URL that carries it is in the info file (mode 0600), where the worker finds it.
 *
 * PGlite is one Postgres session shared by every socket client, so settings are made once here:
 * BullMQ's PostgreSQL backend pins `search_path` through a startup option that pglite-socket ignores,
 * and its functions are only found when the shared session's path includes the `bullmq` schema.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const root = resolve(dataDir);
  await waitForPreviousOwner(root);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({
    dataDir: join(root, 'pgdata'),
    extensions: { pg_trgm },
    // PostgreSQL's 128 MB default lives in WebAssembly memory, which never shrinks; pages it would have cached are
    // still in the OS page cache behind PGlite's file system.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
  await db.exec('SET search_path TO public, bullmq');
  const password = randomBytes(24).toString('hex');
  const server = new PasswordSocketServer({ db, host: '127.0.0.1', port, password, maxConnections: 64 });
  const boundPort = await server.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${boundPort}/postgres`;
  const infoFile = join(root, EMBEDDED_DB_FILE);
  // A file left by a crashed run keeps its mode on rewrite; a fresh one gets 0600 from its first byte.
  rmSync(infoFile, { force: true });
  writeFileSync(infoFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600, flag: 'wx' });
  return {
    url,
    async stop() {
      rmSync(infoFile, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Waits for another process that has the data directory open to let go of it: after the api is killed, its database
 * process takes a moment to close. One that holds on longer is a second api on the same directory.
 */
async function waitForPreviousOwner(root: string, waitMs = 15_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const running = readEmbeddedDatabaseInfo(root);
    if (!running || running.pid === process.pid) return;
    if (Date.now() > deadline) {
      throw new Error(`the embedded database in ${root} is already open in process ${running.pid}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
