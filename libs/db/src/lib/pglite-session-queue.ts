import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

/** Extended-protocol messages that open or continue a batch; the batch ends at Sync (`S`). */
const BATCH_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H']);
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);
const FLUSH = 0x48;

/**
 * The order in which socket clients' protocol messages reach PGlite's single session. pglite-socket's own queue
 * (0.2.17) keeps a client to itself only inside a transaction, so two clients' Parse/Bind/Execute batches interleave
 * and one binds the other's unnamed statement: wrong rows or errors (electric-sql/pglite#1046); and an internal
 * error leaves its queue stopped for good. Here a client keeps the session from the first message of an
 * extended-protocol batch until its Sync, and for as long as it has a transaction open.
 *
 * A batch's answers go to the client in one write at its Sync (or Flush): the client reads none of them before,
 * and pglite-socket would otherwise write each message's answer on its own, a system call apiece.
 */
export class PgliteSessionQueue {
  private queue: Pending[] = [];
  private processing = false;
  /** The client that holds the session (mid-batch or in a transaction), if any. */
  private owner: number | null = null;
  private readonly openBatches = new Set<number>();
  /** Answers held per client until its batch ends. */
  private readonly held = new Map<number, Uint8Array[]>();

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.held.delete(handlerId);
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** A client that went away mid-batch or mid-transaction must not leave the session to the next one in that state. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.openBatches.has(handlerId)) {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }));
    }
    // `exec` takes PGlite's lock itself.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.openBatches.delete(handlerId);
    this.owner = null;
    void this.process();
  }

  /** Writes what the client's batch has answered so far once nothing more can come before it reads. */
  private answer(item: Pending, held: Uint8Array[]): void {
    if (this.openBatches.has(item.handlerId) && item.message[0] !== FLUSH) {
      this.held.set(item.handlerId, held);
      return;
    }
    this.held.delete(item.handlerId);
    if (held.length === 1) item.onData(held[0]);
    else if (held.length > 1) item.onData(Buffer.concat(held));
  }

  private next(): Pending | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((p) => p.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const type = String.fromCharCode(item.message[0] ?? 0);
        if (BATCH_MESSAGES.has(type)) this.openBatches.add(item.handlerId);
        if (type === 'S') this.openBatches.delete(item.handlerId);
        const held = this.held.get(item.handlerId) ?? [];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream((item as Pending).message, {
              // PGlite reuses its output buffer: keep a copy.
              onRawData: (data) => {
                bytes += data.length;
                held.push(data.slice());
              },
            }),
          );
          this.answer(item, held);
          item.resolve(bytes);
        } catch (error) {
          this.answer(item, held);
          item.reject(error);
        }
        const holds = this.openBatches.has(item.handlerId) || this.db.isInTransaction();
        this.owner = holds ? item.handlerId : null;
      }
    } finally {
      this.processing = false;
    }
  }
}
