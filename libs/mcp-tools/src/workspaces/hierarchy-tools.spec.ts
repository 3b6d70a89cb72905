import { z } from 'zod';
import { ToolCatalog } from '../core/catalog';
import { FoldersTools } from '../folders/folders.tools';
import { ListsTools } from '../lists/lists.tools';
import { SpacesTools } from '../spaces/spaces.tools';
import { WorkspacesTools } from './workspaces.tools';

const catalog = new ToolCatalog([
  new WorkspacesTools(),
  new SpacesTools(),
  new FoldersTools(),
  new ListsTools(),
]);
const tools = [...catalog.tools.values()];

describe('hierarchy tool definitions', () => {
  it('are the tools CONTRACTS §5 names for the four groups', () => {
    expect(tools.map((t) => `${t.tags.join()}:${t.name}`)).toEqual([
      'workspaces:workspace_list',
      'workspaces:workspace_hierarchy',
      'workspaces:workspace_find',
      ...['spaces:space', 'folders:folder', 'lists:list'].flatMap((p) =>
        ['list', 'get', 'create', 'update', 'delete'].map((verb) => `${p}_${verb}`),
      ),
    ]);
  });

  it('annotate reads as read-only and deletes and overwriting updates as destructive', () => {
    for (const tool of tools) {
      const { readOnlyHint, destructiveHint, openWorldHint } = tool.annotations;
      const reads = tool.method === 'get' || tool.method === 'list';
      const destructive = tool.method === 'delete' || tool.method === 'update';
      expect([tool.name, readOnlyHint, destructiveHint, openWorldHint]).toEqual([
        tool.name,
        reads,
        destructive,
        true,
      ]);
    }
  });

  it('tell the agent where every id argument comes from', () => {
    for (const tool of tools) {
      const { properties = {} } = z.toJSONSchema(tool.input, { io: 'input' }) as {
        properties?: Record<string, { description?: string }>;
      };
      for (const [name, schema] of Object.entries(properties).filter(([n]) => n.endsWith('_id'))) {
        expect([tool.name, name, schema.description]).toEqual([
          tool.name,
          name,
          expect.stringMatching(/workspace_/),
        ]);
      }
    }
  });
});
