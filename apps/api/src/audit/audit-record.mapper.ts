import type { AuditRecord } from '@gw/audit-chain';

/** A row of `audit_events` as the pg driver returns it. */
export interface AuditEventRow {
  id: string;
  seq: string;
  at: Date;
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
  outcome: AuditRecord['outcome'];
  issue_codes: string[];
  upstream_status: number | null;
  duration_ms: number | null;
  job_id: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export function toAuditRecord(row: AuditEventRow): AuditRecord {
  return { ...row, seq: Number(row.seq), at: row.at.toISOString() };
}
