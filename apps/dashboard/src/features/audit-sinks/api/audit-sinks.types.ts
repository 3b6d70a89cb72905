export const SINK_KINDS = ['webhook', 'syslog', 'otlp'] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

export type SinkState = 'paused' | 'failing' | 'catching_up' | 'up_to_date';

/** `GET /api/v1/audit/sinks`: one destination of the audit stream, with how far behind it is. */
export interface AuditSink {
  id: string;
  name: string;
  kind: SinkKind;
  /** `webhook`: `{url}`; `syslog`: `{host, port, tls, ca_pem, facility, app_name}`; `otlp`: `{endpoint, service_name}`. */
  settings: Record<string, unknown>;
  state: SinkState;
  paused: boolean;
  cursor_seq: number;
  head_seq: number;
  lag_events: number;
  lag_seconds: number;
  delivered_at: string | null;
  failures: number;
  last_error: string | null;
  last_error_at: string | null;
  next_attempt_at: string | null;
  secret_hint: string | null;
  header_names: string[];
  test: { requested_at: string | null; tested_at: string | null; error: string | null };
  created_at: string;
  updated_at: string;
}

/** The answer to creating a webhook sink or rotating its secret: the secret, this once. */
export interface SavedAuditSink extends AuditSink {
  secret?: string;
}

export interface AuditSinkInput {
  name: string;
  kind: SinkKind;
  settings: Record<string, unknown>;
  headers?: Record<string, string>;
  start?: 'oldest' | 'now';
}

export interface AuditSinkChange {
  paused?: boolean;
  rotate_secret?: boolean;
}
