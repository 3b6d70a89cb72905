import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditConfig } from '@gw/config';
import { ChainAppender, type AuditRecord, type UnsequencedRecord } from '@gw/audit-chain';
import { appendSpan } from '@gw/audit-recorder';
import { DedicatedConnection } from '@gw/db';
import { DataSource } from 'typeorm';

export type { UnsequencedRecord };

interface Pending {
  record: UnsequencedRecord;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 500;

/**
 * Appends audit records with group commit: a record that finds no commit in flight is committed at once; records
 * that arrive while one is in flight wait for it and then share the next. Each commit is one prepared statement per
 * organization (`ChainAppender`) on a connection of the writer's own, so there is no pool checkout and no
 * re-planning on the way. A record's promise resolves only after its commit.
 */
@Injectable()
export class AuditWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(AuditWriter.name);
  private queue: Pending[] = [];
  private committing = 0;
  private flushing: Promise<void> | null = null;
  private readonly chain = new ChainAppender();
  private readonly connection: DedicatedConnection;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: AuditConfig,
  ) {
    this.connection = new DedicatedConnection(dataSource);
    if (!config.enabled) {
      this.logger.warn(
        'AUDIT_ENABLED=false: audit rows are NOT being written (benchmark/diagnostic setting only)',
      );
    }
  }

  append(record: UnsequencedRecord): Promise<AuditRecord> {
    // Only the explicit benchmark switch gets here; the answer is record-shaped but was never written (seq 0).
    if (!this.config.enabled) return Promise.resolve({ ...record, seq: 0, prev_hash: '', hash: '' });
    return appendSpan(
      record,
      () =>
        new Promise((resolve, reject) => {
          this.queue.push({ record, resolve, reject });
          this.flushing ??= this.flush();
        }),
    );
  }

  /** Records handed in and not yet committed (the batch being committed included). */
  get pending(): number {
    return this.queue.length + this.committing;
  }

  /** Records already handed in are committed first; then the connection goes back to the pool. */
  async onApplicationShutdown(): Promise<void> {
    await this.flushing;
    await this.connection.release();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
        } catch (error) {
          if (batch.length === 1) {
            this.logger.error(`audit record failed: ${(error as Error).message}`);
            batch[0].reject(error);
            continue;
          }
          // One record the database refuses must not cost the others their results: retry them one by one.
          this.logger.warn(
            `audit batch of ${batch.length} failed, retrying singly: ${(error as Error).message}`,
          );
          for (const pending of batch) {
            await this.commit([pending]).catch((single: unknown) => {
              this.logger.error(`audit record failed: ${(single as Error).message}`);
              pending.reject(single);
            });
          }
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    this.committing = batch.length;
    try {
      const written = await this.chain.append(
        this.connection,
        batch.map((p) => p.record),
      );
      batch.forEach((p, i) => p.resolve(written[i]));
    } finally {
      this.committing = 0;
    }
  }
}
