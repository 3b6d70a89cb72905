import { z } from 'zod';
import { findOperationByName, responseExamples } from '../../test/openapi-spec';
import { ClickUpError } from './http/errors';
import { parseResponse } from './parse-response';
import { responseSchemas, type OperationName } from './schemas/response-schemas';

// Operations read often get a compiled reader (z.compile); it must give what the schema gives, good answer or bad.

const read = (operation: OperationName, body: unknown) =>
  parseResponse({ operation, method: 'GET' }, { status: 200, body, rateLimit: null });

function failureOf(operation: OperationName, body: unknown): string {
  try {
    read(operation, body);
  } catch (error) {
    if (error instanceof ClickUpError) return error.message;
    throw error;
  }
  throw new Error(`${operation} read a malformed answer`);
}

function examplesOf(operation: OperationName): unknown[] {
  const spec = findOperationByName(operation);
  if (!spec) throw new Error(`${operation} is not in the spec`);
  return responseExamples(spec)
    .map((example) => example.value)
    .filter((body) => responseSchemas[operation].safeParse(body).success);
}

describe('reading answers of an operation read often', () => {
  const malformedTask = { id: '9hx', name: 42, time_estimate: 'soon', assignees: [{ id: 'x' }] };

  it('gives the same results and names the same fields after its schema is compiled', () => {
    const before = failureOf('getTask', malformedTask);
    expect(before).toContain('name');
    const operations = Object.keys(responseSchemas) as OperationName[];
    for (const operation of operations) {
      const examples = examplesOf(operation);
      if (examples.length === 0) continue;
      // Past the compile threshold, a read must still equal the interpreted schema's.
      for (let i = 0; i < 30; i++) examples.forEach((body) => read(operation, body));
      for (const body of examples) {
        expect({ operation, result: read(operation, body) }).toEqual({
          operation,
          result: responseSchemas[operation].parse(body),
        });
      }
    }
    for (let i = 0; i < 30; i++) read('getTask', { id: '9hx', name: 'Bare' });
    expect(failureOf('getTask', malformedTask)).toBe(before);
  });

  it('has the task schemas compile, so the hot reads keep their fast path', () => {
    for (const operation of ['getTask', 'getTasks', 'createTask', 'updateTask'] as const) {
      expect(() => z.compile(responseSchemas[operation], { strict: true })).not.toThrow();
    }
  });
});
