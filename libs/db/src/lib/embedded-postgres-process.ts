import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import type { EmbeddedReplyMessage, EmbeddedStartMessage } from './embedded-postgres.main';

const CHILD = join(__dirname, 'embedded-postgres.main.js');
const STOP_TIMEOUT_MS = 30_000;

export interface SpawnedEmbeddedPostgres extends EmbeddedPostgres {
  /** The database process, or null when it runs in this one. */
  pid: number | null;
  /** Settles with why, if the database process ends without `stop()` (killed, out of memory); never otherwise. */
  crashed: Promise<string>;
}

const NEVER = new Promise<string>(() => undefined);

/**
 * Starts the embedded database in a child process of its own and resolves with its URL. The child stops when
 * `stop()` is called or when this process goes away, even by SIGKILL, so the data directory is never left open.
 * Run from TypeScript sources (unit tests), there is no compiled child to fork and the database opens in process.
 */
export async function spawnEmbeddedPostgres(dataDir: string, port: number): Promise<SpawnedEmbeddedPostgres> {
  if (!existsSync(CHILD))
    return { ...(await startEmbeddedPostgres(dataDir, port)), pid: null, crashed: NEVER };
  const child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  let stopping = false;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) =>
      resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`),
    ),
  );
  const reply = await new Promise<EmbeddedReplyMessage>((resolve) => {
    child.once('message', (message: EmbeddedReplyMessage) => resolve(message));
    void exited.then((how) => resolve({ error: `the embedded database process ${how}` }));
    child.send({ dataDir, port } satisfies EmbeddedStartMessage);
  });
  if ('error' in reply) {
    child.kill('SIGKILL');
    throw new Error(reply.error);
  }
  // Only the IPC channel may keep this process alive on its behalf; the api's own handles decide when it exits.
  child.unref();
  child.channel?.unref();
  return {
    url: reply.url,
    pid: child.pid ?? null,
    crashed: exited.then((how) => (stopping ? NEVER : `the embedded database process ${how}`)),
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
