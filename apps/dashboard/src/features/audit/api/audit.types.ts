export type Outcome = 'ok' | 'denied' | 'error' | 'queued';

/** One row of the audit log (CONTRACTS §7). Every string in it may have been written by an agent. */
export interface AuditEvent {
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
  outcome: Outcome;
  issue_codes: string[];
  upstream_status: number | null;
  duration_ms: number | null;
  job_id: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

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
