import { Injectable } from '@nestjs/common';
import { encodeCursor, pageFromCursor } from '../core/cursor';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { toTaskResult } from '../tasks/task-view';
import { parentKind, provenView } from './view.scope';
import { viewsGuard } from './views.guard';
import { viewListInput, viewListOutput, viewTaskListInput, viewTaskListOutput } from './views.schemas';

@Injectable()
export class ViewsTools implements ToolGroup {
  readonly guard = viewsGuard;
  readonly tools = [
    defineTool({
      name: 'view_list',
      title: 'List views',
      description: "Views (list, board, chat…) of a space, folder or list; the workspace's if none.",
      method: 'list',
      tags: ['views'],
      input: viewListInput,
      output: viewListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const views = ctx.client.views;
        const { data } = args.list_id
          ? await views.listForList(args.list_id)
          : args.folder_id
            ? await views.listForFolder(args.folder_id)
            : args.space_id
              ? await views.listForSpace(args.space_id)
              : await views.listForWorkspace(ctx.scope.workspaceId);
        return {
          items: data.map((v) => ({
            id: v.id,
            name: v.name,
            type: v.type,
            parent: parentKind(v.parent.type) ?? String(v.parent.type),
            parent_id: v.parent.id,
          })),
          next_cursor: null,
          truncated: false,
        };
      },
    }),
    defineTool({
      name: 'view_task_list',
      title: 'View tasks',
      description: "A view's tasks, filtered and sorted as the view is; 30 per page.",
      method: 'list',
      tags: ['views'],
      input: viewTaskListInput,
      output: viewTaskListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const view = await provenView(ctx, args.view_id);
        const page = pageFromCursor('view_task_list', args.cursor);
        const { data } = await ctx.client.views.tasks(view.id, page);
        // A list view can show tasks homed in other lists (Tasks in Multiple Lists): only those in scope are given.
        const tasks = data.tasks.filter(
          (t) => ctx.scope.inWorkspace(t.team_id) && ctx.scope.allowsSpace(t.space?.id),
        );
        const next =
          data.last_page === false || (data.last_page === null && data.tasks.length > 0)
            ? encodeCursor('view_task_list', { page: page + 1 })
            : null;
        return { items: tasks.map(toTaskResult), next_cursor: next, truncated: next !== null };
      },
    }),
  ];
}
