import { createHmac } from 'node:crypto';
import { generateSecret } from './tokens';

/** Signing secrets of team approval webhooks start with this, so a leaked one is recognisable in a scan. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: 256 random bits after the prefix. */
export function generateWebhookSecret(): string {
  return generateSecret(WEBHOOK_SECRET_PREFIX);
}

/**
 * The associated data a team webhook's URL and signing secret are sealed with: bound to the team (one webhook per
 * team) and to the field, so neither ciphertext opens on another row or as the other field.
 */
export function approvalWebhookAad(teamId: string, field: 'url' | 'secret'): string {
  return `approval-webhook:${teamId}:${field}`;
}

/**
 * `X-Gateway-Signature`: `v1=` and the hex HMAC-SHA256, keyed with the whole secret (prefix included), of
 * `"<timestamp>.<body>"`, the timestamp being `X-Gateway-Timestamp` (Unix seconds) and the body the exact bytes sent.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
