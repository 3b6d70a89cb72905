import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written by the process that hosts the embedded database, read by the others (the worker). */
export const EMBEDDED_DB_FILE = 'embedded-db.json';

export interface EmbeddedDatabaseInfo {
  url: string;
  pid: number;
}

export function readEmbeddedDatabaseInfo(dataDir: string): EmbeddedDatabaseInfo | undefined {
  const file = join(dataDir, EMBEDDED_DB_FILE);
  if (!existsSync(file)) return undefined;
  const info = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedDatabaseInfo;
  return isAlive(info.pid) ? info : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
