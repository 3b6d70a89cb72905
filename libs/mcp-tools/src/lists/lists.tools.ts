import { Injectable } from '@nestjs/common';
import type { CreateListBody } from '@gw/clickup-client';
import type { z } from 'zod';
import type { ToolContext } from '../core/tool-context';
import { CREATE, defineTool, DELETE, READ, UPDATE, type ToolGroup } from '../core/tool';
import { deletedOutput } from '../workspaces/hierarchy.schemas';
import { listsGuard } from './lists.guard';
import { toListDetail, toListSummary } from './lists.format';
import {
  listCreateInput,
  listDeleteInput,
  listDetailSchema,
  listGetInput,
  listListInput,
  listListOutput,
  listSummarySchema,
  listUpdateInput,
} from './lists.schemas';

/** A list lives in a folder or directly in a space; the input takes exactly one of the two. */
function container(args: { folder_id?: string; space_id?: string }): { in: 'folder' | 'space'; id: string } {
  return args.folder_id ? { in: 'folder', id: args.folder_id } : { in: 'space', id: args.space_id as string };
}

async function listsOf(args: z.output<typeof listListInput>, ctx: ToolContext) {
  const where = container(args);
  if (where.in === 'folder') {
    const folder = await ctx.scope.folder(ctx.client, where.id);
    const place = { folderId: folder.id, spaceId: folder.space?.id ?? null };
    // Get Folder already carries the active lists; archived ones need their own request.
    const lists = args.archived
      ? (await ctx.client.lists.listInFolder(folder.id, { archived: true })).data
      : folder.lists.filter((l) => l.archived !== true);
    return lists.map((l) => toListSummary(l, place));
  }
  const { data } = await ctx.client.lists.listFolderless(where.id, { archived: args.archived });
  return data.map((l) => toListSummary(l, { folderId: null, spaceId: where.id }));
}

@Injectable()
export class ListsTools implements ToolGroup {
  readonly guard = listsGuard;
  readonly tools = [
    defineTool({
      name: 'list_list',
      title: 'List lists',
      description: 'The lists of a folder, or with space_id those directly in a space.',
      method: 'list',
      tags: ['lists'],
      input: listListInput,
      output: listListOutput,
      annotations: READ,
      handler: async (args, ctx) => ({
        items: await listsOf(args, ctx),
        next_cursor: null,
        truncated: false,
      }),
    }),
    defineTool({
      name: 'list_get',
      title: 'Get list',
      description: 'One list: description, place, owner, priority, dates, task count and statuses.',
      method: 'get',
      tags: ['lists'],
      input: listGetInput,
      output: listDetailSchema,
      annotations: READ,
      handler: async (args, ctx) => toListDetail(await ctx.scope.list(ctx.client, args.list_id)),
    }),
    defineTool({
      name: 'list_create',
      title: 'Create list',
      description: 'Creates a list in a folder or directly in a space; names are unique there.',
      method: 'create',
      tags: ['lists'],
      input: listCreateInput,
      output: listSummarySchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const where = container(args);
        const body: CreateListBody = {
          name: args.name,
          markdown_content: args.content,
          due_date: args.due_date,
          priority: args.priority,
          assignee: args.assignee,
          status: args.color,
        };
        if (where.in === 'folder') {
          return toListSummary((await ctx.client.lists.createInFolder(where.id, body)).data);
        }
        return toListSummary((await ctx.client.lists.createFolderless(where.id, body)).data);
      },
    }),
    defineTool({
      name: 'list_update',
      title: 'Update list',
      description: 'Changes the given fields of a list.',
      method: 'update',
      tags: ['lists'],
      input: listUpdateInput,
      output: listSummarySchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { list_id: listId } = args;
        const current = await ctx.scope.list(ctx.client, listId);
        const { data } = await ctx.client.lists.update(listId, {
          // ClickUp requires the name on every update.
          name: args.name ?? current.name,
          markdown_content: args.content,
          due_date: args.due_date,
          priority: args.priority,
          assignee: args.assignee === null ? 'none' : args.assignee?.toString(),
          status: args.color ?? undefined,
          unset_status: args.color === null ? true : undefined,
        });
        return toListSummary(data);
      },
    }),
    defineTool({
      name: 'list_delete',
      title: 'Delete list',
      description: 'Deletes a list and every task in it. Cannot be undone.',
      method: 'delete',
      tags: ['lists'],
      input: listDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.lists.delete(args.list_id);
        return { deleted: true as const };
      },
    }),
  ];
}
