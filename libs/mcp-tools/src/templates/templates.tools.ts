import { Injectable } from '@nestjs/common';
import { encodeCursor, pageFromCursor } from '../core/cursor';
import { CREATE, defineTool, READ, type ToolGroup } from '../core/tool';
import { ToolError } from '../core/tool-error';
import { templatesGuard } from './templates.guard';
import {
  createdFromTemplateOutput,
  listCreateFromTemplateInput,
  taskCreateFromTemplateInput,
  templateListInput,
  templateListOutput,
} from './templates.schemas';

/** A full page of task templates means there may be another. */
const TASK_TEMPLATE_PAGE = 100;

@Injectable()
export class TemplatesTools implements ToolGroup {
  readonly guard = templatesGuard;
  readonly tools = [
    defineTool({
      name: 'template_list',
      title: 'List templates',
      description: "The workspace's task or list templates, for *_create_from_template.",
      method: 'list',
      tags: ['templates'],
      input: templateListInput,
      output: templateListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const teamId = ctx.scope.workspaceId;
        if (args.kind === 'list') {
          const { data } = await ctx.client.templates.listListTemplates(teamId);
          return { items: data, next_cursor: null, truncated: false };
        }
        const page = pageFromCursor('template_list', args.cursor);
        const { data } = await ctx.client.templates.listTaskTemplates(teamId, page);
        const next =
          data.length >= TASK_TEMPLATE_PAGE ? encodeCursor('template_list', { page: page + 1 }) : null;
        return { items: data, next_cursor: next, truncated: next !== null };
      },
    }),
    defineTool({
      name: 'task_create_from_template',
      title: 'Task from template',
      description: 'Creates a task in a list from a task template.',
      method: 'create',
      tags: ['templates'],
      input: taskCreateFromTemplateInput,
      output: createdFromTemplateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.templates.createTask(args.list_id, args.template_id, {
          name: args.name,
        });
        if (!data.id) {
          throw new ToolError('UPSTREAM_ERROR', 'ClickUp created the task but did not say its id.');
        }
        return { id: data.id, url: `https://app.clickup.com/t/${data.id}` };
      },
    }),
    defineTool({
      name: 'list_create_from_template',
      title: 'List from template',
      description: 'Creates a list from a list template in a folder or space.',
      method: 'create',
      tags: ['templates'],
      input: listCreateFromTemplateInput,
      output: createdFromTemplateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const body = { name: args.name, options: { return_immediately: true } };
        const { data } = args.folder_id
          ? await ctx.client.templates.createListInFolder(args.folder_id, args.template_id, body)
          : await ctx.client.templates.createListInSpace(args.space_id as string, args.template_id, body);
        ctx.scope.rememberLists([data.id]);
        return {
          id: data.id,
          name: data.name ?? args.name,
          url: `https://app.clickup.com/${ctx.scope.workspaceId}/v/li/${data.id}`,
        };
      },
    }),
  ];
}
