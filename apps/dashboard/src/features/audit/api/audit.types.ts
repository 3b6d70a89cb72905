import type { AuditRecord } from '@gw/audit-chain';

export type Outcome = AuditRecord['outcome'];

/** One row of the audit log (CONTRACTS §7). Every string in it may have been written by an agent. */
export type AuditEvent = AuditRecord;

export interface AuditPage {
  items: AuditEvent[];
  next_cursor: string | null;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  first_bad_id?: string;
  reason?: string;
}

/** A signed checkpoint of the organization's audit chain (GET /api/v1/audit/checkpoints). */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  created_at: string;
  key_id: string;
  every_events: number;
  every_minutes: number;
}

export interface CheckpointStatus {
  state: 'off' | 'pending' | 'current' | 'overdue';
  message: string;
  head_seq: number;
  uncovered_events: number;
  latest: AuditCheckpoint | null;
}
