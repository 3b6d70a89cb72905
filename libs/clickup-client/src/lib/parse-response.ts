import { ClickUpError } from './http/errors';
import type { ClickUpRawResponse } from './http/transport';
import type { ClickUpRequest } from './request';
import { responseSchemas, type OperationName, type ResponseOf } from './schemas/response-schemas';

const MAX_ISSUES = 5;

/**
 * Reads an answer through its operation's schema. An answer that does not match is an upstream fault, not
 * data: it becomes UPSTREAM_ERROR naming the fields that were off.
 */
export function parseResponse<Op extends OperationName>(
  request: Pick<ClickUpRequest<Op>, 'operation' | 'method'>,
  raw: ClickUpRawResponse,
): ResponseOf<Op> {
  const schema = responseSchemas[request.operation];
  const result = schema.safeParse(raw.body);
  if (result.success) return result.data as ResponseOf<Op>;
  const issues = result.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ClickUpError({
    code: 'UPSTREAM_ERROR',
    message: `ClickUp's answer to ${request.operation} (${raw.status}) did not have the expected shape: ${issues}`,
    operation: request.operation,
    status: raw.status,
    upstreamStatus: raw.status,
    maybeApplied: request.method !== 'GET',
    rateLimit: raw.rateLimit,
  });
}
