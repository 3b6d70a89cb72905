import { CheckpointStore } from '@gw/audit-chain';
import type { DataSource } from 'typeorm';

/**
 * A signed statement about the chain up to `seq` (its head hash, signed by the gateway's key), delivered to every
 * sink right after the event with that seq. It travels as stored, so `npm run audit:verify -- --checkpoints` reads
 * what a SIEM kept.
 */
export interface AuditCheckpoint {
  seq: number;
  /** When it was signed (ISO 8601). */
  created_at: string;
  [field: string]: unknown;
}

/** Where the dispatcher finds the checkpoints to deliver inline with the events. */
export interface CheckpointSource {
  /** The organization's checkpoints with `afterSeq < seq <= upToSeq`, in seq order. */
  after(organizationId: string, afterSeq: number, upToSeq: number): Promise<AuditCheckpoint[]>;
}

/** The checkpoints the worker signed (`audit_checkpoints`), none while `AUDIT_SIGNING_KEY` is unset. */
export class StoredCheckpoints implements CheckpointSource {
  private readonly store: CheckpointStore;

  constructor(dataSource: DataSource) {
    this.store = new CheckpointStore(dataSource);
  }

  async after(organizationId: string, afterSeq: number, upToSeq: number): Promise<AuditCheckpoint[]> {
    if (upToSeq <= afterSeq) return [];
    const signed = await this.store.between(organizationId, afterSeq + 1, upToSeq);
    return signed.map((checkpoint) => ({ ...checkpoint }));
  }
}

/** No checkpoints (for tests of the dispatcher alone). */
export const NO_CHECKPOINTS: CheckpointSource = { after: async () => [] };

export const CHECKPOINT_SOURCE = Symbol('CHECKPOINT_SOURCE');
