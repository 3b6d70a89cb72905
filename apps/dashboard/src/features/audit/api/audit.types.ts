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
