import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's `X-Request-Id` when it is sane, otherwise makes one; stored on the raw request for every layer. */
export function requestIdOf(req: IncomingMessage): string {
  const holder = req as unknown as { id?: unknown };
  if (typeof holder.id === 'string') return holder.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID();
  holder.id = id;
  return id;
}
