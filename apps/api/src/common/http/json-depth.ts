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

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH with a 400 before Nest's pipes see it: class-transformer and
 * the validation pipe walk a body recursively, so a few thousand levels (a few kilobytes) would overflow the stack
 * and answer 500.
 */
export function refuseDeepJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });
}
