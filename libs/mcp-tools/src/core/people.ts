import { z } from 'zod';
import type { ToolContext } from './tool-context';

/** A person an agent names: a ClickUp user id (member_list, user_me) or `"me"`, the user the server acts as. */
export const userRef = z.union([z.number().int().positive(), z.literal('me')]);

/**
 * User ids with `"me"` replaced by the id of the user the server acts as; asks ClickUp who that is only when
 * an agent wrote "me".
 */
export async function resolveUsers(
  refs: ReadonlyArray<z.output<typeof userRef>> | undefined,
  ctx: ToolContext,
): Promise<number[] | undefined> {
  if (refs === undefined) return undefined;
  const me = refs.includes('me') ? Number((await ctx.client.user.me()).data.id) : null;
  return [...new Set(refs.map((r) => (r === 'me' ? (me as number) : r)))];
}
