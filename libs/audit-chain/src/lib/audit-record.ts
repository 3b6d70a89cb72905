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
  /**
   * Who the action was for: the signed-in person, the OAuth client acting for them, the ClickUp user a call acted
   * as. Hashed only when set, like `trace_id`.
   */
  actor_user_id?: string | null;
  actor_email?: string | null;
  oauth_client_id?: string | null;
  clickup_user_id?: string | null;
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

/** Columns added after chains existed: a row hashes them only when set, so older rows keep their hash. */
const OPTIONAL_HASHED_FIELDS = [
  'trace_id',
  'actor_user_id',
  'actor_email',
  'oauth_client_id',
  'clickup_user_id',
] as const satisfies readonly (keyof AuditRecord)[];

/** SHA-256 over the previous hash and the canonical JSON of every field but `hash`. */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'> | AuditRecord): string {
  const { hash: _ignored, ...fields } = record as AuditRecord;
  const hashed: Record<string, unknown> = { ...fields };
  for (const name of OPTIONAL_HASHED_FIELDS) {
    if (hashed[name] === null || hashed[name] === undefined) delete hashed[name];
  }
  return createHash('sha256').update(record.prev_hash).update(canonicalJson(hashed)).digest('hex');
}
