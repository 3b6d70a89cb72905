import {
  approvalWebhookAad,
  auditSinkSecretAad,
  connectionCredentialAad,
  linkedAccountCredentialAad,
  oauthProviderKeyAad,
  ssoClientSecretAad,
  ssoRefreshTokenAad,
} from '@gw/security';

/** Every kind of value the gateway stores sealed with ENCRYPTION_KEY; the names the console and the API show. */
export const SEALED_KINDS = [
  'clickup_connection',
  'clickup_linked_account',
  'approval_webhook_url',
  'approval_webhook_secret',
  'sso_client_secret',
  'sso_refresh_token',
  'oauth_provider_key',
  'audit_sink_secret',
] as const;
export type SealedKind = (typeof SEALED_KINDS)[number];

/** A row as `sealedValuesQuery` selects it: the row's id, its sealed value, and the columns its binding names. */
export interface SealedRow {
  id: string;
  ciphertext: string;
  key_id: string | null;
  [bindingColumn: string]: string | null;
}

/**
 * Where one kind of sealed value lives, and the associated data it was sealed with: `aad` is the very function
 * of @gw/security the sealing service calls, fed from the row's columns, so a walk opens what the service sealed.
 */
export interface SealedColumn {
  kind: SealedKind;
  table: string;
  id: string;
  ciphertext: string;
  keyId: string;
  /** The columns `aad` reads. */
  bindingColumns: readonly string[];
  aad(row: Record<string, string>): string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    kind: 'clickup_connection',
    table: 'clickup_connections',
    id: 'id',
    ciphertext: 'credential_ciphertext',
    keyId: 'credential_key_id',
    bindingColumns: ['id'],
    aad: (row) => connectionCredentialAad(row['id']),
  },
  {
    kind: 'clickup_linked_account',
    table: 'clickup_linked_accounts',
    id: 'id',
    ciphertext: 'credential_ciphertext',
    keyId: 'credential_key_id',
    bindingColumns: ['organization_id', 'user_id'],
    aad: (row) => linkedAccountCredentialAad(row['organization_id'], row['user_id']),
  },
  {
    kind: 'approval_webhook_url',
    table: 'approval_webhooks',
    id: 'team_id',
    ciphertext: 'url_ciphertext',
    keyId: 'url_key_id',
    bindingColumns: ['team_id'],
    aad: (row) => approvalWebhookAad(row['team_id'], 'url'),
  },
  {
    kind: 'approval_webhook_secret',
    table: 'approval_webhooks',
    id: 'team_id',
    ciphertext: 'secret_ciphertext',
    keyId: 'secret_key_id',
    bindingColumns: ['team_id'],
    aad: (row) => approvalWebhookAad(row['team_id'], 'secret'),
  },
  {
    kind: 'sso_client_secret',
    table: 'sso_settings',
    id: 'organization_id',
    ciphertext: 'client_secret_ciphertext',
    keyId: 'client_secret_key_id',
    bindingColumns: ['organization_id'],
    aad: (row) => ssoClientSecretAad(row['organization_id']),
  },
  {
    kind: 'sso_refresh_token',
    table: 'sso_identities',
    id: 'id',
    ciphertext: 'refresh_token_ciphertext',
    keyId: 'refresh_token_key_id',
    bindingColumns: ['id'],
    aad: (row) => ssoRefreshTokenAad(row['id']),
  },
  {
    kind: 'oauth_provider_key',
    table: 'oauth_provider_keys',
    id: 'name',
    ciphertext: 'ciphertext',
    keyId: 'key_id',
    bindingColumns: ['name'],
    aad: (row) => oauthProviderKeyAad(row['name']),
  },
  {
    kind: 'audit_sink_secret',
    table: 'audit_sinks',
    id: 'id',
    ciphertext: 'secret_ciphertext',
    keyId: 'secret_key_id',
    bindingColumns: ['id'],
    aad: (row) => auditSinkSecretAad(row['id']),
  },
];

/** Rows with no value (a deleted connection, an unlinked account, an SSO identity without refresh token) hold nothing. */
const HOLDS_A_VALUE = (c: SealedColumn) => `${c.ciphertext} IS NOT NULL AND ${c.ciphertext} <> ''`;

/**
 * One page of a column's sealed values, in id order after `$1` (null: from the start), `$2` rows at most. With
 * `notUnderKey`, only values whose key id is not `$3` (what a re-encryption still has to do); `lock` takes their
 * row locks, so a service saving a new value waits for the page's transaction instead of being overwritten.
 */
export function sealedValuesQuery(
  column: SealedColumn,
  options: { notUnderKey?: boolean; lock?: boolean },
): string {
  return (
    `SELECT ${column.id}::text AS id, ${column.ciphertext} AS ciphertext, ${column.keyId} AS key_id, ` +
    column.bindingColumns.map((name) => `${name}::text AS "b_${name}"`).join(', ') +
    ` FROM ${column.table} ` +
    `WHERE ${HOLDS_A_VALUE(column)} AND ($1::text IS NULL OR ${column.id}::text > $1::text)` +
    (options.notUnderKey ? ` AND ${column.keyId} IS DISTINCT FROM $3::text` : '') +
    ` ORDER BY ${column.id}::text LIMIT $2` +
    (options.lock ? ` FOR UPDATE` : '')
  );
}

/** The associated data of a row `sealedValuesQuery` returned. */
export function rowAad(column: SealedColumn, row: SealedRow): string {
  return column.aad(
    Object.fromEntries(column.bindingColumns.map((name) => [name, String(row[`b_${name}`] ?? '')])),
  );
}

/** How many values of a column there are under each key id. */
export function keyCountsQuery(column: SealedColumn): string {
  return (
    `SELECT ${column.keyId} AS key_id, count(*)::int AS count FROM ${column.table} ` +
    `WHERE ${HOLDS_A_VALUE(column)} GROUP BY 1`
  );
}
