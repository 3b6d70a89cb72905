import type { HttpMethod } from '../request';
import { retryAfterMsFor, parseRetryAfter, type HeaderBag, type RateLimitInfo } from './rate-limit';

/** The envelope codes of CONTRACTS §5 that a ClickUp call can end in. */
export type ClickUpErrorCode =
  'VALIDATION_ERROR' | 'AUTH_ERROR' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMIT' | 'UPSTREAM_ERROR';

export interface ClickUpErrorInit {
  code: ClickUpErrorCode;
  message: string;
  operation?: string | null;
  status?: number | null;
  ecode?: string | null;
  retryAfterMs?: number | null;
  upstreamStatus?: number | null;
  maybeApplied?: boolean;
  rateLimit?: RateLimitInfo | null;
}

/** An issue of the MCP result envelope. */
export interface ClickUpIssue {
  code: ClickUpErrorCode;
  message: string;
  retry_after_ms?: number;
  upstream_status?: number;
}

/**
 * A failed ClickUp call. `message` is safe to show an agent (never a token or secret). `maybeApplied` is
 * true when a write reached ClickUp and the outcome is unknown (5xx, timeout, reset after sending): the
 * retry queue checks before replaying such a request.
 */
export class ClickUpError extends Error {
  override readonly name = 'ClickUpError';
  readonly code: ClickUpErrorCode;
  readonly operation: string | null;
  /** ClickUp's HTTP status, or null when no answer came. */
  readonly status: number | null;
  readonly ecode: string | null;
  readonly retryAfterMs: number | null;
  readonly upstreamStatus: number | null;
  readonly maybeApplied: boolean;
  readonly rateLimit: RateLimitInfo | null;

  constructor(init: ClickUpErrorInit) {
    super(init.message);
    this.code = init.code;
    this.operation = init.operation ?? null;
    this.status = init.status ?? null;
    this.ecode = init.ecode ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.upstreamStatus = init.upstreamStatus ?? null;
    this.maybeApplied = init.maybeApplied ?? false;
    this.rateLimit = init.rateLimit ?? null;
  }

  /** Arguments a builder cannot turn into a valid request; nothing was sent. */
  static invalidInput(message: string): ClickUpError {
    return new ClickUpError({ code: 'VALIDATION_ERROR', message });
  }

  toIssue(): ClickUpIssue {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAfterMs !== null ? { retry_after_ms: this.retryAfterMs } : {}),
      ...(this.upstreamStatus !== null ? { upstream_status: this.upstreamStatus } : {}),
    };
  }

  toJSON(): Required<ClickUpErrorInit> {
    return {
      code: this.code,
      message: this.message,
      operation: this.operation,
      status: this.status,
      ecode: this.ecode,
      retryAfterMs: this.retryAfterMs,
      upstreamStatus: this.upstreamStatus,
      maybeApplied: this.maybeApplied,
      rateLimit: this.rateLimit,
    };
  }
}

/** What went wrong, as the transport saw it. */
export type UpstreamFailure =
  | { kind: 'http'; status: number; body: unknown; headers: HeaderBag; rateLimit: RateLimitInfo | null }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'cancelled' }
  | { kind: 'connect'; errorCode: string | null }
  | { kind: 'reset'; errorCode: string | null }
  | { kind: 'unreadable'; status: number; reason: string; rateLimit: RateLimitInfo | null }
  | { kind: 'unexpected-shape'; status: number; issues: string; rateLimit: RateLimitInfo | null };

export interface FailureContext {
  operation: string;
  method: HttpMethod;
  /** Strings that must never appear in a message: the token, a client secret, an OAuth code. */
  secrets: readonly string[];
  nowMs?: number;
}

// 401 ECODEs (API-NOTES §20.2): a missing, invalid or revoked token...
const TOKEN_REJECTED_ECODES = new Set([
  'OAUTH_017',
  'OAUTH_018',
  'OAUTH_019',
  'OAUTH_021',
  'OAUTH_025',
  'OAUTH_077',
]);
// ...versus "Team not authorized", which ClickUp also answers for ids the token may not see.
const TEAM_NOT_AUTHORIZED_ECODES = new Set([
  'OAUTH_023',
  'OAUTH_026',
  'OAUTH_027',
  ...Array.from({ length: 17 }, (_, i) => `OAUTH_0${29 + i}`),
]);

const MAX_UPSTREAM_TEXT = 300;

/** The envelope code of an HTTP error status (plus ECODE for 401). */
export function codeForStatus(status: number, ecode: string | null): ClickUpErrorCode {
  if (status === 401) {
    if (ecode !== null && TEAM_NOT_AUTHORIZED_ECODES.has(ecode)) return 'FORBIDDEN';
    // Token-rejected ECODEs, and any other 401, mean the credential itself was not accepted.
    return 'AUTH_ERROR';
  }
  if (status === 403) return 'FORBIDDEN';
  // ClickUp answers an unknown route or a wrong method with an HTML 404.
  if (status === 404 || status === 405 || status === 410) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMIT';
  if (status === 408 || status >= 500) return 'UPSTREAM_ERROR';
  if (status >= 400) return 'VALIDATION_ERROR';
  // 1xx/3xx are not answers this client can use (redirects are not followed).
  return 'UPSTREAM_ERROR';
}

export function isTokenRejectedEcode(ecode: string): boolean {
  return TOKEN_REJECTED_ECODES.has(ecode);
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  // Whatever ClickUp echoes, token-shaped strings never reach an agent.
  return out.replace(/\bpk_[A-Za-z0-9_-]+/g, '[redacted]').replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
}

// Control characters (newlines, escapes) would let upstream text forge lines in what an agent reads.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

function clean(text: string, secrets: readonly string[]): string {
  const flat = redact(text, secrets).replace(CONTROL_CHARACTERS, ' ').trim();
  return flat.length > MAX_UPSTREAM_TEXT ? `${flat.slice(0, MAX_UPSTREAM_TEXT)}…` : flat;
}

/** ClickUp's error text and code: v2 `{err, ECODE}`, template `{error, ECODE}`, v3 `{message}`. */
export function readErrorBody(body: unknown): { text: string | null; ecode: string | null } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { text: null, ecode: null };
  const record = body as Record<string, unknown>;
  const textValue = [record['err'], record['error'], record['message']].find((v) => typeof v === 'string');
  const ecodeValue = record['ECODE'] ?? record['ecode'];
  return {
    text: typeof textValue === 'string' ? textValue : null,
    ecode: typeof ecodeValue === 'string' ? ecodeValue : null,
  };
}

const HTTP_LEAD: Record<ClickUpErrorCode, string> = {
  VALIDATION_ERROR: 'ClickUp rejected the request',
  AUTH_ERROR: 'ClickUp did not accept the token; reconnect the ClickUp account',
  // ClickUp answers 401 "Team not authorized" for ids that do not exist as well as for ids out of reach.
  FORBIDDEN: 'The ClickUp token may not access this Workspace or item, or it does not exist',
  NOT_FOUND: 'ClickUp found no such item or route',
  RATE_LIMIT: "ClickUp's rate limit for this token was reached",
  UPSTREAM_ERROR: 'ClickUp failed to answer',
};

function httpError(
  failure: Extract<UpstreamFailure, { kind: 'http' }>,
  context: FailureContext,
): ClickUpError {
  const { text, ecode } = readErrorBody(failure.body);
  const code = codeForStatus(failure.status, ecode);
  const nowMs = context.nowMs ?? Date.now();
  const label = ecode ? `${failure.status} ${clean(ecode, context.secrets)}` : String(failure.status);
  const detail = text
    ? `: ${clean(text, context.secrets)}`
    : typeof failure.body === 'string'
      ? ' (not a JSON answer)'
      : '';
  const retryAfterMs =
    code === 'RATE_LIMIT'
      ? retryAfterMsFor(failure.rateLimit, failure.headers, nowMs)
      : code === 'UPSTREAM_ERROR'
        ? parseRetryAfter(failure.headers, nowMs)
        : null;
  const retryHint =
    code === 'RATE_LIMIT' && retryAfterMs !== null ? `; retry in ${Math.ceil(retryAfterMs / 1000)} s` : '';
  return new ClickUpError({
    code,
    message: `${HTTP_LEAD[code]} (${label})${detail}${retryHint}`,
    operation: context.operation,
    status: failure.status,
    ecode,
    retryAfterMs,
    upstreamStatus: code === 'UPSTREAM_ERROR' ? failure.status : null,
    // A 5xx after the whole request was sent may or may not have been applied; a 4xx was refused.
    maybeApplied: code === 'UPSTREAM_ERROR' && isWrite(context.method),
    rateLimit: failure.rateLimit,
  });
}

function isWrite(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** The one mapping from a failed ClickUp exchange to a `ClickUpError`. */
export function toClickUpError(failure: UpstreamFailure, context: FailureContext): ClickUpError {
  const base = { operation: context.operation, code: 'UPSTREAM_ERROR' as const };
  switch (failure.kind) {
    case 'http':
      return httpError(failure, context);
    case 'timeout':
      return new ClickUpError({
        ...base,
        message: `ClickUp did not answer within ${failure.timeoutMs} ms`,
        maybeApplied: isWrite(context.method),
      });
    case 'cancelled':
      return new ClickUpError({
        ...base,
        message: 'The request to ClickUp was cancelled before it finished',
        maybeApplied: isWrite(context.method),
      });
    case 'connect':
      // Nothing reached ClickUp, so nothing can have been applied.
      return new ClickUpError({
        ...base,
        message: `ClickUp could not be reached${failure.errorCode ? ` (${failure.errorCode})` : ''}`,
        maybeApplied: false,
      });
    case 'reset':
      return new ClickUpError({
        ...base,
        message: `The connection to ClickUp broke before the answer arrived${failure.errorCode ? ` (${failure.errorCode})` : ''}`,
        maybeApplied: isWrite(context.method),
      });
    case 'unreadable':
      return new ClickUpError({
        ...base,
        message: `ClickUp's answer (${failure.status}) could not be read: ${clean(failure.reason, context.secrets)}`,
        status: failure.status,
        upstreamStatus: failure.status,
        // The call succeeded upstream; only its answer is unusable.
        maybeApplied: isWrite(context.method),
        rateLimit: failure.rateLimit,
      });
    case 'unexpected-shape':
      return new ClickUpError({
        ...base,
        message: `ClickUp's answer to ${context.operation} (${failure.status}) did not have the expected shape: ${clean(failure.issues, context.secrets)}`,
        status: failure.status,
        upstreamStatus: failure.status,
        maybeApplied: isWrite(context.method),
        rateLimit: failure.rateLimit,
      });
    default: {
      const unreachable: never = failure;
      throw new Error(`unmapped ClickUp failure ${JSON.stringify(unreachable)}`);
    }
  }
}
