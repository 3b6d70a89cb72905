import { Injectable } from '@nestjs/common';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { tagsGuard } from './tags.guard';
import { tagListInput, tagListOutput } from './tags.schemas';

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
  ];
}
