import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MCP_TOKEN_PREFIX = 'cmcp_';
export const API_TOKEN_PREFIX = 'cgw_';
export const MCP_TOKEN_PATTERN = /^cmcp_[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: 43 characters. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored only as their SHA-256 (hex). A token has 256 bits of entropy, so no salt or slow KDF is needed.
 * Every MCP request hashes its URL's token: the one-shot `hash` takes ~0.4 µs where a `Hash` object took ~1.1 µs,
 * cheap enough that no cache of raw tokens is kept for it.
 */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/** A short, non-reversible label for logs and audit rows about an unknown token. */
export function tokenHashPrefix(token: string): string {
  return sha256Hex(token).slice(0, 12);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
