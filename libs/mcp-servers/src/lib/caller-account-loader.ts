import { Injectable, Optional } from '@nestjs/common';
import type { ConnectionWorkspace } from '@gw/db';
import { linkedAccountCredentialAad, SecretBox } from '@gw/security';
import { DataSource } from 'typeorm';
import type { CallerAccount } from './caller-account';

/** The columns a call needs, from the LEFT JOIN: all null when the person has no row. */
interface LinkedRow {
  horizon: string;
  version: string | null;
  clickup_user_id: string | null;
  clickup_username: string | null;
  workspaces: ConnectionWorkspace[] | null;
  credential_ciphertext: string | null;
  credential_key_id: string | null;
  credential_fingerprint: string | null;
  unlinked_at: Date | null;
}

/** A person's linked account as read, with what the api's per-person cache needs to keep it current. */
export interface CallerAccountRead {
  /** Null when the person has no linked account (never linked, or unlinked). */
  account: CallerAccount | null;
  /** `change_xid` of the row as read; empty when there is no row. */
  version: string;
  /** The xmin of the read's snapshot (see `McpServerLoader.byTokenHash`). */
  horizon: bigint;
}

/**
 * The one place a linked-account row becomes a `CallerAccount`: the api reads it through its per-person cache, the
 * worker afresh before each attempt of a queued call, so an unlink stops the person's queued calls too.
 */
@Injectable()
export class CallerAccountLoader {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly box?: SecretBox,
  ) {}

  /** One statement, so the row and the horizon come from one snapshot, with or without a row. */
  async read(organizationId: string, userId: string): Promise<CallerAccountRead> {
    const [found] = (await this.dataSource.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, a.change_xid::text AS version,
              a.clickup_user_id::text AS clickup_user_id, a.clickup_username, a.workspaces,
              a.credential_ciphertext, a.credential_key_id, a.credential_fingerprint, a.unlinked_at
         FROM (SELECT 1) one
         LEFT JOIN clickup_linked_accounts a ON a.organization_id = $1 AND a.user_id = $2`,
      [organizationId, userId],
    )) as LinkedRow[];
    const horizon = BigInt(found.horizon);
    if (found.version === null) return { account: null, version: '', horizon };
    return { account: this.open(organizationId, userId, found), version: found.version, horizon };
  }

  private open(organizationId: string, userId: string, row: LinkedRow): CallerAccount | null {
    if (row.unlinked_at !== null || !row.credential_ciphertext || !this.box) return null;
    const token = this.box.open(
      { ciphertext: row.credential_ciphertext, keyId: row.credential_key_id as string },
      linkedAccountCredentialAad(organizationId, userId),
    );
    return {
      organizationId,
      userId,
      credential: { kind: 'oauth', token },
      fingerprint: row.credential_fingerprint as string,
      clickupUserId: Number(row.clickup_user_id),
      clickupUsername: row.clickup_username as string,
      workspaceIds: new Set((row.workspaces ?? []).map((w) => w.id)),
    };
  }
}
