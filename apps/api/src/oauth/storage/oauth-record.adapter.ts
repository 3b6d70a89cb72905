import { sha256Hex } from '@gw/security';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { DataSource } from 'typeorm';

export type AdapterConstructor = new (model: string) => Adapter;

interface StoredRow {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

/**
 * oidc-provider's storage on the gateway's database (PostgreSQL or embedded PGlite): one `oauth_records` row per
 * model instance, keyed by the SHA-256 of its id. An opaque token's or code's id is the secret a client holds, so
 * the row keeps neither it nor the payload's `jti` (the same value); `find` gets the value from its caller and puts
 * it back. Expired rows are never returned, and are purged nightly by the worker.
 */
export function oauthRecordAdapter(dataSource: DataSource): AdapterConstructor {
  return class OAuthRecordAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const { jti: _secret, ...stored } = payload;
      const grantId = this.model === 'Grant' ? id : (payload.grantId ?? null);
      await dataSource.query(
        `INSERT INTO oauth_records
           (model, id_hash, payload, grant_id, uid_hash, account_id, client_id, resource, expires_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (model, id_hash) DO UPDATE SET
           payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid_hash = EXCLUDED.uid_hash,
           account_id = EXCLUDED.account_id, client_id = EXCLUDED.client_id, resource = EXCLUDED.resource,
           expires_at = EXCLUDED.expires_at`,
        [
          this.model,
          sha256Hex(id),
          JSON.stringify(stored),
          grantId,
          typeof payload.uid === 'string' ? sha256Hex(payload.uid) : null,
          payload.accountId ?? null,
          payload.clientId ?? payload.client_id ?? null,
          resourceOf(payload),
          expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
        ],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const rows: StoredRow[] = await dataSource.query(
        `SELECT payload, consumed_at FROM oauth_records
         WHERE model = $1 AND id_hash = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.model, sha256Hex(id)],
      );
      return this.restore(rows[0], id);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const rows: (StoredRow & { id: string | null })[] = await dataSource.query(
        `SELECT payload, consumed_at FROM oauth_records
         WHERE model = $1 AND uid_hash = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.model, sha256Hex(uid)],
      );
      // Only provider sessions are looked up by uid; their id (the session cookie) is not needed to resume them.
      return rows[0] ? this.restore(rows[0], undefined) : undefined;
    }

    /** Device codes are the only model found by user code, and the device flow is off. */
    async findByUserCode(_userCode: string): Promise<AdapterPayload | undefined> {
      return undefined;
    }

    async consume(id: string): Promise<void> {
      await dataSource.query(
        `UPDATE oauth_records SET consumed_at = now() WHERE model = $1 AND id_hash = $2`,
        [this.model, sha256Hex(id)],
      );
    }

    async destroy(id: string): Promise<void> {
      await dataSource.query(`DELETE FROM oauth_records WHERE model = $1 AND id_hash = $2`, [
        this.model,
        sha256Hex(id),
      ]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await dataSource.query(`DELETE FROM oauth_records WHERE model = $1 AND grant_id = $2`, [
        this.model,
        grantId,
      ]);
    }

    private restore(row: StoredRow | undefined, id: string | undefined): AdapterPayload | undefined {
      if (!row) return undefined;
      const payload: AdapterPayload = { ...row.payload };
      if (id !== undefined && this.model !== 'Client') payload.jti = id;
      if (row.consumed_at) payload.consumed = Math.floor(new Date(row.consumed_at).getTime() / 1000);
      return payload;
    }
  };
}

/** The one resource a grant or token is for, when it names exactly one. */
function resourceOf(payload: AdapterPayload): string | null {
  if (payload.resources) {
    const resources = Object.keys(payload.resources);
    return resources.length === 1 ? resources[0] : null;
  }
  return typeof payload.aud === 'string' ? payload.aud : null;
}
