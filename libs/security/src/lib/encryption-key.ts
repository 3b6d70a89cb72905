import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `ENCRYPTION_KEY` when set. In embedded mode without one, a key generated once into `DATA_DIR/encryption.key`
 * (mode 0600) so a trial install works out of the box; production (DATABASE_URL set) must configure it. The api and
 * the worker both call this; whichever comes first writes the file and the other reads it.
 */
export function resolveEncryptionKey(options: {
  configured?: string;
  embedded: boolean;
  dataDir: string;
}): string {
  if (options.configured) return options.configured;
  if (!options.embedded) {
    throw new Error(
      'ENCRYPTION_KEY: required when DATABASE_URL is set (32 bytes, base64; e.g. `openssl rand -base64 32`)',
    );
  }
  const dir = resolve(options.dataDir);
  const file = join(dir, 'encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  try {
    writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return key;
}
