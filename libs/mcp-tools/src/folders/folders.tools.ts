import { Injectable } from '@nestjs/common';
import { CREATE, defineTool, DELETE, READ, UPDATE, type ToolGroup } from '../core/tool';
import { deletedOutput } from '../workspaces/hierarchy.schemas';
import { foldersGuard } from './folders.guard';
import { toFolderDetail, toFolderSummary } from './folders.format';
import {
  folderCreateInput,
  folderDeleteInput,
  folderDetailSchema,
  folderGetInput,
  folderListInput,
  folderListOutput,
  folderSummarySchema,
  folderUpdateInput,
} from './folders.schemas';

@Injectable()
export class FoldersTools implements ToolGroup {
  readonly guard = foldersGuard;
  readonly tools = [
    defineTool({
      name: 'folder_list',
      title: 'List folders',
      description: "A space's folders with their lists.",
      method: 'list',
      tags: ['folders'],
      input: folderListInput,
      output: folderListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.folders.list(args.space_id, { archived: args.archived });
        // ClickUp may answer the placeholder folder of folderless lists; it is not a folder an agent can use.
        const items = data.filter((f) => f.hidden !== true).map(toFolderSummary);
        return { items, next_cursor: null, truncated: false };
      },
    }),
    defineTool({
      name: 'folder_get',
      title: 'Get folder',
      description: 'One folder: its space, task count and lists.',
      method: 'get',
      tags: ['folders'],
      input: folderGetInput,
      output: folderDetailSchema,
      annotations: READ,
      handler: async (args, ctx) => toFolderDetail(await ctx.scope.folder(ctx.client, args.folder_id)),
    }),
    defineTool({
      name: 'folder_create',
      title: 'Create folder',
      description: 'Creates a folder in a space (names are unique in it).',
      method: 'create',
      tags: ['folders'],
      input: folderCreateInput,
      output: folderSummarySchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.folders.create(args.space_id, { name: args.name });
        return toFolderSummary(data);
      },
    }),
    defineTool({
      name: 'folder_update',
      title: 'Rename folder',
      description: 'Renames a folder.',
      method: 'update',
      tags: ['folders'],
      input: folderUpdateInput,
      output: folderSummarySchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.folders.update(args.folder_id, { name: args.name });
        return toFolderSummary(data);
      },
    }),
    defineTool({
      name: 'folder_delete',
      title: 'Delete folder',
      description: 'Deletes a folder with its lists and tasks. Cannot be undone.',
      method: 'delete',
      tags: ['folders'],
      input: folderDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.folders.delete(args.folder_id);
        return { deleted: true as const };
      },
    }),
  ];
}
