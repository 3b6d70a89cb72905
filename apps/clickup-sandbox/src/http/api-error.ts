/**
 * An error answered in ClickUp's shape: v2 routes render `{err, ECODE}`, v3 routes
 * `{status, message, trace_id, timestamp}` (API-NOTES §20).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly err: string,
    readonly ecode: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(err);
    this.name = 'ApiError';
  }
}

/**
 * ECODEs the sandbox answers. Codes marked documented appear in ClickUp's docs or in live observations
 * (API-NOTES §20); the others are placeholders in ClickUp's style, so clients should key on the status.
 */
export const Errors = {
  // documented
  authHeaderMissing: () => new ApiError(401, 'Authorization header required', 'OAUTH_017'),
  tokenInvalid: () => new ApiError(401, 'Token invalid', 'OAUTH_025'),
  teamNotAuthorized: () => new ApiError(401, 'Team not authorized', 'OAUTH_027'),
  rateLimited: () => new ApiError(429, 'Rate limit reached', 'APP_002'),
  statusNotFound: () => new ApiError(400, 'Status does not exist', 'ITEM_114'),
  parentNotInList: () => new ApiError(400, 'Parent not child of list', 'ITEM_137'),
  oauthClientNotFound: () => new ApiError(400, 'Client not found', 'OAUTH_010'),
  redirectUriMismatch: () => new ApiError(400, 'Redirect URI does not match', 'OAUTH_007'),
  // placeholders
  invalidJson: () => new ApiError(400, 'Request body is not valid JSON', 'INPUT_001'),
  invalid: (message: string, ecode = 'INPUT_002') => new ApiError(400, message, ecode),
  oauthSecretInvalid: () => new ApiError(401, 'Client secret invalid', 'OAUTH_011'),
  oauthCodeInvalid: () => new ApiError(401, 'Code invalid or already used', 'OAUTH_015'),
  forbidden: (message: string, ecode: string) => new ApiError(403, message, ecode),
  notFound: (message: string, ecode: string) => new ApiError(404, message, ecode),
};
