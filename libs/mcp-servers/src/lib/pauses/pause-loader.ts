import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActivePause, PausableServer } from './active-pause';

interface PauseRow {
  id: string;
  organization_id: string;
  scope: ActivePause['scope'];
  target_id: string;
  target_name: string | null;
  reason: string;
  created_at: Date | string;
  created_by_email: string | null;
}

/** Active rows only: the partial unique index `uq_pauses_active_scope` holds exactly these. */
const ACTIVE_PAUSES = `
  SELECT p.id, p.organization_id, p.scope, p.target_id, p.reason, p.created_at, u.email AS created_by_email,
         CASE p.scope WHEN 'organization' THEN o.name WHEN 'team' THEN t.name ELSE c.name END AS target_name
    FROM pauses p
    LEFT JOIN users u ON u.id = p.created_by_user_id
    LEFT JOIN organizations o ON p.scope = 'organization' AND o.id = p.target_id
    LEFT JOIN teams t ON p.scope = 'team' AND t.id = p.target_id
    LEFT JOIN clickup_connections c ON p.scope = 'connection' AND c.id = p.target_id
   WHERE p.resumed_at IS NULL`;

/**
 * The one reader of pauses in force: every one (the api's cache polls this) or those covering one server (the worker
 * asks before each attempt of a queued call, so a resume is seen the moment it commits).
 */
@Injectable()
export class PauseLoader {
  constructor(private readonly dataSource: DataSource) {}

  async active(): Promise<ActivePause[]> {
    const rows = (await this.dataSource.query(ACTIVE_PAUSES)) as PauseRow[];
    return rows.map(activePauseOf);
  }

  /** The pauses covering a server, widest first. */
  async covering(server: PausableServer): Promise<ActivePause[]> {
    const rows = (await this.dataSource.query(
      `${ACTIVE_PAUSES}
         AND p.organization_id = $1
         AND (p.scope = 'organization' OR (p.scope = 'team' AND p.target_id = $2)
              OR (p.scope = 'connection' AND p.target_id = $3))
       ORDER BY CASE p.scope WHEN 'organization' THEN 0 WHEN 'team' THEN 1 ELSE 2 END`,
      [server.organizationId, server.teamId, server.connectionId],
    )) as PauseRow[];
    return rows.map(activePauseOf);
  }
}

function activePauseOf(row: PauseRow): ActivePause {
  return {
    id: row.id,
    organizationId: row.organization_id,
    scope: row.scope,
    targetId: row.target_id,
    targetName: row.target_name,
    reason: row.reason,
    createdAt: new Date(row.created_at).getTime(),
    createdByEmail: row.created_by_email,
  };
}
