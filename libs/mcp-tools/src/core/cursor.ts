import { z } from 'zod';
import { invalid } from './tool-error';

/**
 * List tools hand the agent an opaque `next_cursor`; it carries what the next call needs (a page number, a
 * keyset position) and the tool it belongs to, so a cursor from another tool is refused with a clear message.
 */
export function encodeCursor(tool: string, state: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify({ t: tool, s: state }), 'utf8').toString('base64url');
}

const cursorSchema = z.object({ t: z.string(), s: z.record(z.string(), z.union([z.string(), z.number()])) });

export function decodeCursor(tool: string, cursor: string): Record<string, string | number> {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.t !== tool) throw new Error('other tool');
    return parsed.s;
  } catch {
    throw invalid(`cursor: not a next_cursor returned by ${tool}`, 'cursor');
  }
}

/** The page number a tool's `next_cursor` carries (0 without a cursor); anything else is not that tool's cursor. */
export function pageFromCursor(tool: string, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const page = Number(decodeCursor(tool, cursor)['page']);
  if (!Number.isInteger(page) || page < 0)
    throw invalid(`cursor: not a next_cursor returned by ${tool}`, 'cursor');
  return page;
}
