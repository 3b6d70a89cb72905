/** Keys whose values are secrets whatever they look like. */
const SECRET_KEY =
  /(^|_|-)(token|secret|password|passphrase|authorization|api_?key|cookie|credentials?|private_?key|client_secret|access_token|refresh_token)$/i;

/** Values that look like credentials even under an innocent key. */
const SECRET_VALUE = [
  /\bpk_[A-Za-z0-9_]{8,}/, // ClickUp personal token
  /\bcmcp_[A-Za-z0-9_-]{20,}/, // our MCP URL token
  /\bcgw_[A-Za-z0-9_-]{20,}/, // our API token
  /\bgwr_[A-Za-z0-9_-]{20,}/, // our one-time password-reset link
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/i,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // a JWT
  /\b(sk|rk|ghp|gho|xox[abp])[-_][A-Za-z0-9_-]{16,}/, // common provider keys
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export const REDACTED = '[redacted]';
export const MAX_ARGUMENTS_BYTES = 16 * 1024;

/**
 * What the audit log keeps of an agent's or admin's arguments: secrets replaced, text kept as data (see
 * `storableText`), and at most 16 KB — beyond that a marker with the original size and
 * a preview.
 */
export function redactArguments(value: unknown): unknown {
  const clean = scrub(value, 0);
  const json = JSON.stringify(clean) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= MAX_ARGUMENTS_BYTES) return clean;
  // The preview is JSON inside a JSON string, so escaping can grow it: shrink until the whole marker fits.
  let budget = MAX_ARGUMENTS_BYTES - 200;
  for (;;) {
    const marker = { _truncated: true, _original_bytes: bytes, preview: truncateUtf8(json, budget) };
    const size = Buffer.byteLength(JSON.stringify(marker));
    if (size <= MAX_ARGUMENTS_BYTES) return marker;
    budget -= size - MAX_ARGUMENTS_BYTES + 64;
  }
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

function scrub(value: unknown, depth: number): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        scrubString(k),
        isSecretKey(k) && v !== null && v !== '' ? REDACTED : scrub(v, depth + 1),
      ]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/**
 * Text PostgreSQL stores exactly as hashed: NUL (refused by text and jsonb) and unpaired UTF-16 surrogates (refused
 * by jsonb, silently changed in text, which would then fail verification) become U+FFFD.
 */
export function storableText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function scrubString(text: string): string {
  let out = storableText(text);
  for (const pattern of SECRET_VALUE)
    out = out.replace(new RegExp(pattern.source, pattern.flags + 'g'), REDACTED);
  return out;
}

function truncateUtf8(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8').subarray(0, maxBytes);
  return buffer.toString('utf8').replace(/\uFFFD$/, '');
}
