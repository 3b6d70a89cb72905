import { Injectable } from '@nestjs/common';
import { DEFAULT_SPACE_FEATURES, spaceUpdateBody, type SpaceFeatures } from '@gw/clickup-client';
import { CREATE, defineTool, DELETE, READ, UPDATE, type ToolGroup } from '../core/tool';
import { deletedOutput } from '../workspaces/hierarchy.schemas';
import { spacesGuard } from './spaces.guard';
import { toSpaceDetail, toSpaceSummary } from './spaces.format';
import {
  spaceCreateInput,
  spaceDeleteInput,
  spaceDetailSchema,
  spaceGetInput,
  spaceListInput,
  spaceListOutput,
  spaceUpdateInput,
  type SPACE_FEATURES,
} from './spaces.schemas';

type FeatureSwitches = Partial<Record<(typeof SPACE_FEATURES)[number], boolean>>;

/** ClickUp wants every feature object in full; the agent only says which to switch. */
function switchFeatures(base: SpaceFeatures, switches: FeatureSwitches = {}): SpaceFeatures {
  const features = structuredClone(base);
  for (const [name, enabled] of Object.entries(switches) as [keyof SpaceFeatures, boolean][]) {
    features[name].enabled = enabled;
  }
  return features;
}

@Injectable()
export class SpacesTools implements ToolGroup {
  readonly guard = spacesGuard;
  readonly tools = [
    defineTool({
      name: 'space_list',
      title: 'List spaces',
      description: 'The spaces this server may use. With folders and lists: workspace_hierarchy.',
      method: 'list',
      tags: ['spaces'],
      input: spaceListInput,
      output: spaceListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.spaces.list(ctx.scope.workspaceId, { archived: args.archived });
        const items = data.filter((s) => ctx.scope.allowsSpace(s.id)).map(toSpaceSummary);
        return { items, next_cursor: null, truncated: false };
      },
    }),
    defineTool({
      name: 'space_get',
      title: 'Get space',
      description: 'One space: its task statuses (in workflow order) and which features are on.',
      method: 'get',
      tags: ['spaces'],
      input: spaceGetInput,
      output: spaceDetailSchema,
      annotations: READ,
      handler: async (args, ctx) => toSpaceDetail(await ctx.scope.space(ctx.client, args.space_id)),
    }),
    defineTool({
      name: 'space_create',
      title: 'Create space',
      description: 'Creates a space (names are unique); not on a server limited to some spaces.',
      method: 'create',
      tags: ['spaces'],
      input: spaceCreateInput,
      output: spaceDetailSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.spaces.create(ctx.scope.workspaceId, {
          name: args.name,
          multiple_assignees: args.multiple_assignees,
          features: switchFeatures(DEFAULT_SPACE_FEATURES, args.features),
        });
        return toSpaceDetail(data);
      },
    }),
    defineTool({
      name: 'space_update',
      title: 'Update space',
      description: 'Changes the given fields of a space.',
      method: 'update',
      tags: ['spaces'],
      input: spaceUpdateInput,
      output: spaceDetailSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { space_id: spaceId, features, ...patch } = args;
        const current = await ctx.scope.space(ctx.client, spaceId);
        const body = spaceUpdateBody(current, patch);
        body.features = switchFeatures(body.features, features);
        return toSpaceDetail((await ctx.client.spaces.update(spaceId, body)).data);
      },
    }),
    defineTool({
      name: 'space_delete',
      title: 'Delete space',
      description: 'Deletes a space with its folders, lists and tasks. Cannot be undone.',
      method: 'delete',
      tags: ['spaces'],
      input: spaceDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.spaces.delete(args.space_id);
        return { deleted: true as const };
      },
    }),
  ];
}
