// The embedded database's own process, forked by `spawnEmbeddedPostgres`: PGlite executes every statement on its
// event loop, so it runs here instead of on the api's, on the other core, and its memory is its own.
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface EmbeddedStartMessage {
  dataDir: string;
  port: number;
}

export type EmbeddedReplyMessage = { url: string } | { error: string };

let running: EmbeddedPostgres | undefined;
let stopping: Promise<void> | undefined;

/** Closes PGlite cleanly (its files must be flushed) and exits. */
function stop(): Promise<void> {
  stopping ??= (async () => {
    try {
      await running?.stop();
    } finally {
      process.exit(0);
    }
  })();
  return stopping;
}

// Ctrl-C, and a supervisor's SIGTERM to the whole group (systemd), reach this process with the api: the api decides
// when the database stops, after its last write, and a database whose api is gone stops on its own (below).
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
// The api is gone (it exited or was killed): nothing can use the database any more.
process.on('disconnect', () => void stop());
process.on('message', (message: EmbeddedStartMessage | 'stop') => {
  if (message === 'stop') {
    void stop();
    return;
  }
  startEmbeddedPostgres(message.dataDir, message.port).then(
    (embedded) => {
      running = embedded;
      process.send?.({ url: embedded.url } satisfies EmbeddedReplyMessage);
    },
    (error: unknown) => {
      process.send?.({ error: (error as Error).message } satisfies EmbeddedReplyMessage, () =>
        process.exit(1),
      );
    },
  );
});
