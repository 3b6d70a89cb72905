import { toClickUpError } from './http/errors';
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
  throw toClickUpError(
    { kind: 'unexpected-shape', status: raw.status, issues, rateLimit: raw.rateLimit },
    { operation: request.operation, method: request.method, secrets: [] },
  );
}
