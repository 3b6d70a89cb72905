import { Injectable } from '@nestjs/common';
import { CREATE, DELETE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import { invalid } from '../core/tool-error';
import { sameTag, spaceTag, spaceTags } from './tag.scope';
import { tagsGuard } from './tags.guard';
import {
  tagCreateInput,
  tagDeleteInput,
  tagDeleteOutput,
  tagListInput,
  tagListOutput,
  tagSchema,
  tagUpdateInput,
} from './tags.schemas';

/** A new tag's colours: white text on ClickUp's purple unless a colour is given (the agent picks the background). */
export const DEFAULT_TAG_FG = '#ffffff';
export const DEFAULT_TAG_BG = '#7b68ee';

@Injectable()
export class TagsTools implements ToolGroup {
  readonly guard = tagsGuard;
  readonly tools = [
    defineTool({
      name: 'tag_list',
      title: 'List tags',
      description: 'The tags defined in a space.',
      method: 'list',
      tags: ['tags'],
      input: tagListInput,
      output: tagListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.tags.listForSpace(args.space_id);
        return {
          items: data.map((t) => ({ name: t.name, fg: t.tag_fg, bg: t.tag_bg })),
          next_cursor: null,
          truncated: false,
        };
      },
    }),
    defineTool({
      name: 'tag_create',
      title: 'Create a tag',
      description: 'Adds a tag to a space.',
      method: 'create',
      tags: ['tags'],
      input: tagCreateInput,
      output: tagSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        if ((await spaceTags(ctx, args.space_id)).some((t) => sameTag(t.name, args.name))) {
          throw invalid(`The space already has a tag "${args.name}" (tag_update changes it).`, 'name');
        }
        const tag = { name: args.name, tag_fg: DEFAULT_TAG_FG, tag_bg: args.color ?? DEFAULT_TAG_BG };
        await ctx.client.tags.create(args.space_id, tag);
        return { name: tag.name, fg: tag.tag_fg, bg: tag.tag_bg };
      },
    }),
    defineTool({
      name: 'tag_update',
      title: 'Edit a tag',
      description: 'Renames or recolours a space tag.',
      method: 'update',
      tags: ['tags'],
      input: tagUpdateInput,
      output: tagSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const current = await spaceTag(ctx, args.space_id, args.name);
        const name = args.new_name ?? current.name;
        if (
          !sameTag(name, current.name) &&
          (await spaceTags(ctx, args.space_id)).some((t) => sameTag(t.name, name))
        ) {
          throw invalid(`The space already has a tag "${name}".`, 'new_name');
        }
        // ClickUp wants the name and both colours on every edit: unchanged ones are sent back.
        const { data } = await ctx.client.tags.update(args.space_id, current.name, {
          name,
          fg_color: current.tag_fg ?? DEFAULT_TAG_FG,
          bg_color: args.color ?? current.tag_bg ?? DEFAULT_TAG_BG,
        });
        return {
          name: data?.name ?? name,
          fg: data?.tag_fg ?? current.tag_fg,
          bg: data?.tag_bg ?? args.color ?? current.tag_bg,
        };
      },
    }),
    defineTool({
      name: 'tag_delete',
      title: 'Delete a tag',
      description: 'Deletes a space tag, also from its tasks.',
      method: 'delete',
      tags: ['tags'],
      input: tagDeleteInput,
      output: tagDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        const tag = await spaceTag(ctx, args.space_id, args.name);
        await ctx.client.tags.delete(args.space_id, {
          name: tag.name,
          tag_fg: tag.tag_fg ?? DEFAULT_TAG_FG,
          tag_bg: tag.tag_bg ?? DEFAULT_TAG_BG,
        });
        return { name: tag.name, deleted: true as const };
      },
    }),
  ];
}
