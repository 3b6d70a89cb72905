import type { PauseQueued, PauseScope } from '@gw/db';
import type { PauseDto } from './dto/pause.dto';

/** A pause as the REST API shows it, with the names it refers to (read in one query, without entities). */
export interface PauseViewRow {
  id: string;
  scope: PauseScope;
  target_id: string;
  target_name: string | null;
  reason: string;
  created_by_user_id: string | null;
  created_by_email: string | null;
  created_at: Date;
  resumed_at: Date | null;
  resumed_by_user_id: string | null;
  resumed_by_email: string | null;
  resume_reason: string | null;
  queued: PauseQueued;
}

export const PAUSE_VIEW = `
  SELECT p.id, p.scope, p.target_id, p.reason, p.created_by_user_id, p.created_at, p.resumed_at,
         p.resumed_by_user_id, p.resume_reason, p.queued, cu.email AS created_by_email, ru.email AS resumed_by_email,
         CASE p.scope WHEN 'organization' THEN o.name WHEN 'team' THEN t.name ELSE c.name END AS target_name
    FROM pauses p
    LEFT JOIN users cu ON cu.id = p.created_by_user_id
    LEFT JOIN users ru ON ru.id = p.resumed_by_user_id
    LEFT JOIN organizations o ON p.scope = 'organization' AND o.id = p.target_id
    LEFT JOIN teams t ON p.scope = 'team' AND t.id = p.target_id
    LEFT JOIN clickup_connections c ON p.scope = 'connection' AND c.id = p.target_id`;

export function toPauseDto(row: PauseViewRow): PauseDto {
  return {
    id: row.id,
    scope: row.scope,
    target: { id: row.target_id, name: row.target_name },
    reason: row.reason,
    created_by: { user_id: row.created_by_user_id, email: row.created_by_email },
    created_at: new Date(row.created_at).toISOString(),
    resumed_at: row.resumed_at ? new Date(row.resumed_at).toISOString() : null,
    resumed_by: row.resumed_at ? { user_id: row.resumed_by_user_id, email: row.resumed_by_email } : null,
    resume_reason: row.resume_reason,
    queued: row.queued,
  };
}
