import { createHash } from 'node:crypto';

/** A personal token (`pk_…`) or an OAuth access token. */
export interface ClickUpCredential {
  kind: 'personal' | 'oauth';
  token: string;
}

/** Personal tokens go raw (`Authorization: pk_…`), OAuth tokens as `Bearer …` (API-NOTES §2). */
export function authorizationHeader(credential: ClickUpCredential): string {
  return credential.kind === 'oauth' ? `Bearer ${credential.token}` : credential.token;
}

/** A stable, non-reversible name for a token: the key of its shared request budget and of its logs. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}
