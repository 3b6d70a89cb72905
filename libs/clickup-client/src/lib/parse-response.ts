import { z } from 'zod';
import { toClickUpError } from './http/errors';
import type { ClickUpRawResponse } from './http/transport';
import type { ClickUpRequest } from './request';
import { responseSchemas, type OperationName, type ResponseOf } from './schemas/response-schemas';

const MAX_ISSUES = 5;

/**
 * Schemas of operations read often are compiled by zod into one flat reader (`z.compile`): the same results and the
 * same issues (an answer that fails the fast path is read again by the schema itself, which names the fields), at a
 * quarter of the CPU and a third of the garbage. The task schema's unions and transforms cost ~90 µs and ~70 KB per
 * `task_get` when interpreted (docs/benchmarks.md). Compiling takes the thread for tens of milliseconds (the task
 * schema, 100–200 ms on a loaded machine), so an operation is compiled on its `COMPILE_AFTER_READS`th answer, not at
 * start or on its first: operations an install never uses cost nothing. A schema zod cannot compile (a recursive
 * one) keeps its interpreter.
 */
const COMPILE_AFTER_READS = 20;
const readers = new Map<OperationName, { schema: z.ZodType; reads: number }>();

function readerFor(operation: OperationName): z.ZodType {
  let reader = readers.get(operation);
  if (!reader) {
    reader = { schema: responseSchemas[operation], reads: 0 };
    readers.set(operation, reader);
  }
  if (++reader.reads === COMPILE_AFTER_READS) reader.schema = z.compile(reader.schema);
  return reader.schema;
}

/**
 * Reads an answer through its operation's schema. An answer that does not match is an upstream fault, not
 * data: it becomes UPSTREAM_ERROR naming the fields that were off.
 */
export function parseResponse<Op extends OperationName>(
  request: Pick<ClickUpRequest<Op>, 'operation' | 'method'>,
  raw: ClickUpRawResponse,
): ResponseOf<Op> {
  const result = readerFor(request.operation).safeParse(raw.body);
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
