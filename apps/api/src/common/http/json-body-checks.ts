import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Deeper than any request DTO nests, far shallower than what overflows the validation pipe's recursion. */
export const MAX_JSON_DEPTH = 32;

const isContainer = (value: unknown): value is object =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null));

/** Whether a parsed JSON value nests more than `limit` arrays or objects deep, walked without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (!isContainer(item)) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether any key or string of a parsed JSON value is `bad`, walked without recursion. */
function holdsText(value: unknown, bad: (text: string) => boolean): boolean {
  const pending: unknown[] = [value];
  for (let i = pending.length; i > 0; i = pending.length) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (bad(item)) return true;
    } else if (isContainer(item)) {
      for (const [key, child] of Object.entries(item)) pending.push(key, child);
    }
  }
  return false;
}

/** Whether a parsed JSON value holds text with an unpaired UTF-16 surrogate (`"\ud800"` is valid JSON). */
export function holdsIllFormedText(value: unknown): boolean {
  return holdsText(value, (text) => UNPAIRED_SURROGATE.test(text));
}

/** Whether a parsed JSON value holds a NUL character (`"\u0000"`), which PostgreSQL's text and jsonb cannot store. */
export function holdsNulCharacter(value: unknown): boolean {
  return holdsText(value, (text) => text.includes('\u0000'));
}

/**
 * Refuses, with a 400 before Nest's pipes see it, a JSON body nested deeper than MAX_JSON_DEPTH (class-transformer
 * and the validation pipe walk a body recursively: a few thousand levels overflow the stack) or holding an unpaired
 * UTF-16 surrogate (validators that URL-encode text, such as IsEmail, throw on one), or a NUL character (the
 * database refuses to store one). All three used to answer 500.
 */
export function refuseUnreadableJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    if (holdsIllFormedText(request.body)) {
      throw new BadRequestException('The JSON body holds text with an unpaired UTF-16 surrogate');
    }
    if (holdsNulCharacter(request.body)) {
      throw new BadRequestException(
        'The JSON body holds text with a NUL character (\\u0000), which cannot be stored',
      );
    }
  });
}
