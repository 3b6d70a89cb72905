import { Injectable } from '@nestjs/common';
import { defineTool, READ, type ToolGroup } from '../core/tool';
import { workspacesGuard } from './workspaces.guard';
import { candidatesFromTree, memberCandidate, rankMatches, type Candidate } from './workspace-find';
import { loadTree, loadWorkspace } from './workspace-loader';
import {
  workspaceFindInput,
  workspaceFindOutput,
  workspaceHierarchyInput,
  workspaceHierarchyOutput,
  workspaceListInput,
  workspaceListOutput,
} from './workspaces.schemas';

@Injectable()
export class WorkspacesTools implements ToolGroup {
  readonly guard = workspacesGuard;
  readonly tools = [
    defineTool({
      name: 'workspace_list',
      title: 'List workspaces',
      description: 'The workspace this server works in, and the spaces it is limited to.',
      method: 'list',
      tags: ['workspaces'],
      input: workspaceListInput,
      output: workspaceListOutput,
      annotations: READ,
      handler: async (_args, ctx) => {
        // The connection may see other workspaces; this server is pinned to one and never reveals the rest.
        const workspace = await loadWorkspace(ctx);
        return {
          items: [
            {
              id: workspace.id,
              name: workspace.name,
              member_count: workspace.members.length,
              scoped_space_ids: ctx.scope.spaceIds,
            },
          ],
          next_cursor: null,
          truncated: false,
        };
      },
    }),
    defineTool({
      name: 'workspace_hierarchy',
      title: 'Workspace tree',
      description:
        "Spaces → folders → lists, with ids and task counts, in one call. Statuses are the space's unless a list has its own.",
      method: 'get',
      tags: ['workspaces'],
      input: workspaceHierarchyInput,
      output: workspaceHierarchyOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const [workspace, spaces] = await Promise.all([
          loadWorkspace(ctx),
          loadTree(ctx, { includeArchived: args.include_archived, spaceId: args.space_id }),
        ]);
        return { workspace: { id: workspace.id, name: workspace.name }, spaces };
      },
    }),
    defineTool({
      name: 'workspace_find',
      title: 'Find by name',
      description:
        'Names to ids (spaces, folders, lists, members), ignoring case and accents, best match first.',
      method: 'list',
      tags: ['workspaces'],
      input: workspaceFindInput,
      output: workspaceFindOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const kinds = new Set(args.kinds ?? ['space', 'folder', 'list', 'member']);
        if (!ctx.scope.workspaceObjects) kinds.delete('member');
        const wantsTree = kinds.has('space') || kinds.has('folder') || kinds.has('list');
        const [tree, workspace] = await Promise.all([
          wantsTree ? loadTree(ctx, { spacesOnly: !kinds.has('folder') && !kinds.has('list') }) : [],
          kinds.has('member') ? loadWorkspace(ctx) : null,
        ]);
        const candidates: Candidate[] = [
          ...candidatesFromTree(tree),
          ...(workspace?.members.map((m) => memberCandidate(m.user)) ?? []),
        ].filter((c) => kinds.has(c.kind));
        const matches = rankMatches(args.query, candidates);
        return {
          items: matches.slice(0, args.limit),
          next_cursor: null,
          truncated: matches.length > args.limit,
        };
      },
    }),
  ];
}
