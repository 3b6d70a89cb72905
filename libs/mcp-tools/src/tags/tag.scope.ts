import type { Tag } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { notFound } from '../core/tool-error';

/** ClickUp keeps tag names in lower case; a name is matched in any case, trimmed. */
export const sameTag = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A space's tags, read once per call (the space is proven by the guard). */
export function spaceTags(ctx: ToolContext, spaceId: string): Promise<Tag[]> {
  return ctx.scope.once(`tags ${spaceId}`, async () => (await ctx.client.tags.listForSpace(spaceId)).data);
}

/** The space's tag of that name, or NOT_FOUND naming where to look. */
export async function spaceTag(ctx: ToolContext, spaceId: string, name: string): Promise<Tag> {
  const found = (await spaceTags(ctx, spaceId)).find((t) => sameTag(t.name, name));
  if (!found) throw notFound(`The space has no tag "${name}" (see tag_list).`);
  return found;
}
