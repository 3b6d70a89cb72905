import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { Changes, previewOf } from '../previews/preview-reader';
import { defined, oneLine, quoted } from '../previews/preview-text';
import { spaceTag } from './tag.scope';
import { tagCreateInput, tagDeleteInput, tagUpdateInput } from './tags.schemas';

type Place = NonNullable<EffectPreview['location']>;

/** The space by name: the guard proved it; its name is one read, shared with the call. */
async function spaceOf(ctx: ToolContext, spaceId: string): Promise<Place> {
  const space = await ctx.scope.space(ctx.client, spaceId);
  return { type: 'space', id: space.id, name: oneLine(space.name) };
}

const inSpace = (place: Place) => `space ${quoted(place.name)} (${place.id})`;

export const tagsPreviews = {
  tag_create: previewOf(tagCreateInput, async (args, ctx) => {
    const place = await spaceOf(ctx, args.space_id);
    return {
      kind: 'create',
      summary: `Creates tag ${quoted(args.name)} in ${inSpace(place)}`,
      proposed: defined({ name: oneLine(args.name), color: args.color }),
      location: place,
    };
  }),

  tag_update: previewOf(tagUpdateInput, async (args, ctx) => {
    const [place, tag] = await Promise.all([
      spaceOf(ctx, args.space_id),
      spaceTag(ctx, args.space_id, args.name),
    ]);
    const changes = new Changes()
      .add('name', args.new_name === undefined ? undefined : oneLine(args.new_name), tag.name)
      .add('color', args.color, tag.tag_bg);
    return {
      kind: 'update',
      summary: `Updates tag ${quoted(tag.name)} in ${inSpace(place)}${changes.phrase()}`,
      target: { type: 'tag', id: tag.name, name: oneLine(tag.name) },
      changes: changes.list,
      location: place,
    };
  }),

  tag_delete: previewOf(tagDeleteInput, async (args, ctx) => {
    const [place, tag] = await Promise.all([
      spaceOf(ctx, args.space_id),
      spaceTag(ctx, args.space_id, args.name),
    ]);
    return {
      kind: 'delete',
      summary: `Deletes tag ${quoted(tag.name)} from ${inSpace(place)} and from every task carrying it`,
      target: { type: 'tag', id: tag.name, name: oneLine(tag.name) },
      location: place,
    };
  }),
};
