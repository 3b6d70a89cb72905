import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { previewOf } from '../previews/preview-reader';
import { oneLine, quoted } from '../previews/preview-text';
import { listCreateFromTemplateInput, taskCreateFromTemplateInput } from './templates.schemas';

type Place = NonNullable<EffectPreview['location']>;

/** The folder or space a new list goes into, as the guard read it (a space is read here). */
async function containerOf(
  args: { folder_id?: string; space_id?: string },
  ctx: ToolContext,
): Promise<Place> {
  if (args.folder_id) {
    const folder = await ctx.scope.folder(ctx.client, args.folder_id);
    return { type: 'folder', id: folder.id, name: oneLine(folder.name) };
  }
  const space = await ctx.scope.space(ctx.client, args.space_id as string);
  return { type: 'space', id: space.id, name: oneLine(space.name) };
}

export const templatesPreviews = {
  task_create_from_template: previewOf(taskCreateFromTemplateInput, async (args, ctx) => {
    const list = await ctx.scope.list(ctx.client, args.list_id);
    return {
      kind: 'create',
      summary: `Creates task ${quoted(args.name)} from template ${args.template_id} in list ${oneLine(list.name)}`,
      proposed: { name: oneLine(args.name), template_id: args.template_id },
      location: { type: 'list', id: list.id, name: oneLine(list.name) },
    };
  }),

  list_create_from_template: previewOf(listCreateFromTemplateInput, async (args, ctx) => {
    const location = await containerOf(args, ctx);
    return {
      kind: 'create',
      summary:
        `Creates list ${quoted(args.name)} from template ${args.template_id} in ${location.type} ` +
        `${location.name ?? location.id}`,
      proposed: { name: oneLine(args.name), template_id: args.template_id },
      location,
    };
  }),
};
