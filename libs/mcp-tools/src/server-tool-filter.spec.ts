import { Test } from '@nestjs/testing';
import { serverToolFilter, ToolCatalog } from './core/catalog';
import { McpToolsModule } from './mcp-tools.module';

/** Which tools a server lists, from its stored config and space pin: the one rule the api, worker and preview use. */
describe('a server’s tool selection', () => {
  let catalog: ToolCatalog;
  const names = (config: { methods?: string[]; tags?: string[]; allow?: boolean }, spaceIds: string[]) =>
    [
      ...catalog.select(
        serverToolFilter({
          config: {
            methods: config.methods ?? [],
            tags: config.tags ?? [],
            allow_workspace_objects: config.allow,
          },
          spaceIds,
        }),
      ).names,
    ].sort();

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
  });

  it('drops every goal tool on a server pinned to spaces, and only those', () => {
    const whole = names({}, []);
    const pinned = names({}, ['90111']);
    expect(whole.filter((n) => !pinned.includes(n))).toEqual(
      [...catalog.tools.values()]
        .filter((t) => t.tags.includes('goals'))
        .map((t) => t.name)
        .sort(),
    );
    expect(names({ tags: ['goals'] }, ['90111'])).toEqual([]);
  });

  it('keeps goal tools on a pinned server whose admin allowed workspace-level objects', () => {
    expect(names({ allow: true }, ['90111'])).toEqual(names({}, []));
    expect(names({ tags: ['goals'], methods: ['read'], allow: true }, ['90111'])).toEqual([
      'goal_get',
      'goal_list',
    ]);
  });
});
