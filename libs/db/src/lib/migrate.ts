import { DataSource } from 'typeorm';

/** Arbitrary constant shared by every process of the product: only one of them migrates at a time. */
const MIGRATION_LOCK_KEY = 740_163_221;

/**
 * Runs pending migrations under a session-level advisory lock, so two api processes starting together
 * do not race: the second waits, then finds nothing to do. Returns the names of the migrations it applied.
 */
export function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  // The advisory lock serialises processes; this chain serialises callers inside one process, which matters on
  // the embedded database where every client shares one session (and so one lock owner).
  const run = inProcess.then(() => migrateUnderLock(dataSource));
  inProcess = run.catch(() => undefined);
  return run;
}

let inProcess: Promise<unknown> = Promise.resolve();

async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Waits until another process has applied every migration this build knows (the worker uses it at start). */
export async function waitForMigrations(dataSource: DataSource, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await dataSource.showMigrations()) {
    if (Date.now() > deadline) throw new Error('database schema is not migrated; start the api first');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
