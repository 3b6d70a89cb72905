import { resolve } from 'node:path';
import { readEmbeddedDatabaseInfo } from './database-location';
import { spawnEmbeddedPostgres } from './embedded-postgres-process';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** The embedded database's process when this process started it (null when it runs in this process). */
  pid?: number | null;
  /** Settles with why, if the embedded database this process started ends on its own; never otherwise. */
  crashed?: Promise<string>;
  /** Stops the embedded database when this process started it. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set. Otherwise the embedded database: started in a process of its own when `host` is true
 * (the api), or found through the info file that process wrote in `DATA_DIR` (the worker waits for it).
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
    const embedded = await spawnEmbeddedPostgres(options.dataDir, options.embeddedPort);
    return {
      url: embedded.url,
      embedded: true,
      pid: embedded.pid,
      crashed: embedded.crashed,
      stop: () => embedded.stop(),
    };
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
