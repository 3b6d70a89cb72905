import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash before the first row of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit event as hashed, exported and verified (CONTRACTS §7); times are ISO-8601 strings. */
export interface AuditRecord {
  id: string;
  seq: number;
  at: string;
  organization_id: string;
  server_id: string | null;
  team_id: string | null;
  actor: string;
  client_name: string | null;
  client_version: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  tool: string | null;
  arguments: unknown;
  outcome: 'ok' | 'denied' | 'error' | 'queued';
  issue_codes: string[];
  upstream_status: number | null;
  duration_ms: number | null;
  job_id: string | null;
  request_id: string | null;
  /**
   * The W3C trace id the request carried, if any. Hashed only when set, so rows written before the column existed
   * (and rows without a trace) keep the hash they were written with.
   */
  trace_id?: string | null;
  prev_hash: string;
  hash: string;
}

/** A row of `audit_events` as the pg driver returns it: `seq` (bigint) as a string, `at` as a Date. */
export interface AuditEventRow extends Omit<AuditRecord, 'seq' | 'at'> {
  seq: string;
  at: Date;
}

export function toAuditRecord(row: AuditEventRow): AuditRecord {
  return { ...row, seq: Number(row.seq), at: row.at.toISOString() };
}

/** SHA-256 over the previous hash and the canonical JSON of every field but `hash`. */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord): string {
  const { hash: _ignored, trace_id, ...fields } = record as AuditRecord;
  const hashed = trace_id === null || trace_id === undefined ? fields : { ...fields, trace_id };
  return createHash('sha256').update(record.prev_hash).update(canonicalJson(hashed)).digest('hex');
}
