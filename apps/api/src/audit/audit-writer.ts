import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditConfig } from '@gw/config';
import { ChainAppender, type AuditRecord, type UnsequencedRecord } from '@gw/audit-chain';
import { DataSource } from 'typeorm';

export type { UnsequencedRecord };

interface Pending {
  record: UnsequencedRecord;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 500;

/**
 * Appends audit records with group commit: rows that arrive while a commit is in flight wait for the next one, so
 * concurrent requests share one commit, and each commit is one statement per organization (`ChainAppender`). A
 * record's promise resolves only after its commit.
 */
@Injectable()
export class AuditWriter {
  private readonly logger = new Logger(AuditWriter.name);
  private queue: Pending[] = [];
  private flushing = false;
  private readonly chain = new ChainAppender();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AuditConfig,
  ) {
    if (!config.enabled) {
      this.logger.warn(
        'AUDIT_ENABLED=false: audit rows are NOT being written (benchmark/diagnostic setting only)',
      );
    }
  }

  append(record: UnsequencedRecord): Promise<AuditRecord> {
    // Only the explicit benchmark switch gets here; the answer is record-shaped but was never written (seq 0).
    if (!this.config.enabled) return Promise.resolve({ ...record, seq: 0, prev_hash: '', hash: '' });
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
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
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const written = await this.chain.append(
      this.dataSource,
      batch.map((p) => p.record),
    );
    batch.forEach((p, i) => p.resolve(written[i]));
  }
}
