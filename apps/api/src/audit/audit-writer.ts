import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GENESIS_HASH, hashAuditRecord, type AuditRecord } from '@gw/audit-chain';
import { DataSource, type EntityManager } from 'typeorm';

export type UnsequencedRecord = Omit<AuditRecord, 'seq' | 'prev_hash' | 'hash'>;

interface Pending {
  record: UnsequencedRecord;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 500;
const COLUMNS = [
  'id',
  'organization_id',
  'seq',
  'at',
  'server_id',
  'team_id',
  'actor',
  'client_name',
  'client_version',
  'session_id',
  'ip',
  'user_agent',
  'action',
  'tool',
  'arguments',
  'outcome',
  'issue_codes',
  'upstream_status',
  'duration_ms',
  'job_id',
  'request_id',
  'prev_hash',
  'hash',
] as const;

/**
 * Appends audit records with group commit: rows that arrive while a transaction is in flight wait for the next one,
 * so concurrent requests share one commit. Each organization's chain head is locked in the transaction, which keeps
 * `seq` gap-free and the hash chain linear across api processes. A record's promise resolves only after its commit.
 */
@Injectable()
export class AuditWriter {
  private readonly logger = new Logger(AuditWriter.name);
  private queue: Pending[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  append(record: UnsequencedRecord): Promise<AuditRecord> {
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
          const written = await this.dataSource.transaction((tx) =>
            this.write(
              tx,
              batch.map((p) => p.record),
            ),
          );
          batch.forEach((p, i) => p.resolve(written[i]));
        } catch (error) {
          this.logger.error(`audit batch of ${batch.length} failed: ${(error as Error).message}`);
          batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async write(tx: EntityManager, records: UnsequencedRecord[]): Promise<AuditRecord[]> {
    const organizations = [...new Set(records.map((r) => r.organization_id))].sort();
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const organization of organizations) {
      await tx.query(
        `INSERT INTO audit_chains (organization_id, last_seq, last_hash, anchor_seq, anchor_hash)
         VALUES ($1, 0, $2, 1, $2) ON CONFLICT (organization_id) DO NOTHING`,
        [organization, GENESIS_HASH],
      );
      const [head] = (await tx.query(
        'SELECT last_seq, last_hash FROM audit_chains WHERE organization_id = $1 FOR UPDATE',
        [organization],
      )) as { last_seq: string; last_hash: string }[];
      heads.set(organization, { seq: Number(head.last_seq), hash: head.last_hash });
    }
    const written = records.map((record) => {
      const head = heads.get(record.organization_id) as { seq: number; hash: string };
      const sequenced = { ...record, seq: head.seq + 1, prev_hash: head.hash };
      const full: AuditRecord = { ...sequenced, hash: hashAuditRecord(sequenced) };
      heads.set(record.organization_id, { seq: full.seq, hash: full.hash });
      return full;
    });
    const params: unknown[] = [];
    const rows = written.map((r) => {
      const values = COLUMNS.map((column) => {
        const value = r[column];
        params.push(column === 'arguments' || column === 'issue_codes' ? JSON.stringify(value) : value);
        return `$${params.length}`;
      });
      return `(${values.join(', ')})`;
    });
    await tx.query(`INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
    for (const [organization, head] of heads) {
      await tx.query('UPDATE audit_chains SET last_seq = $2, last_hash = $3 WHERE organization_id = $1', [
        organization,
        head.seq,
        head.hash,
      ]);
    }
    return written;
  }
}
