import { Test } from '@nestjs/testing';
import { ToolCatalog } from './core/catalog';
import { TOOL_TAGS } from './core/tool';
import { McpToolsModule } from './mcp-tools.module';

/** What the listing costs in an agent's context; CONTRACTS and issue 4 cap the whole catalog at 60 KB. */
describe('tools/list size', () => {
  let catalog: ToolCatalog;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
  });

  it('keeps the whole catalog under 60 KB, and prints the size per tag', () => {
    const all = catalog.select();
    const perTag = Object.fromEntries(
      TOOL_TAGS.map((tag) => [tag, catalog.select({ tags: [tag] })]).map(([tag, s]) => {
        const selection = s as ReturnType<ToolCatalog['select']>;
        return [tag, `${selection.listing.length} tools, ${selection.bytes} B`];
      }),
    );
    console.log(
      `tools/list: ${all.listing.length} tools, ${all.bytes} bytes\n${JSON.stringify(perTag, null, 2)}`,
    );
    expect(all.bytes).toBeLessThan(60_000);
  });

  it('gives every tool a title, a description, both schemas, truthful read-only hints and a tag', () => {
    for (const tool of catalog.select().listing) {
      expect(tool.name).toMatch(/^[a-z_]+$/);
      expect(tool.title.length).toBeGreaterThan(0);
      expect(tool.description.length).toBeGreaterThan(10);
      expect(tool.inputSchema['type']).toBe('object');
      expect(tool.outputSchema['type']).toBe('object');
      expect(tool.annotations.openWorldHint).toBe(true);
      const definition = catalog.tools.get(tool.name);
      expect(tool.annotations.readOnlyHint).toBe(['get', 'list'].includes(definition?.method ?? ''));
      if (tool.annotations.readOnlyHint) expect(tool.annotations.destructiveHint).toBe(false);
      expect(definition?.tags.length).toBeGreaterThan(0);
    }
  });

  it('filters by method and tag with AND', () => {
    const names = [...catalog.select({ methods: ['read'], tags: ['tasks'] }).names];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(catalog.tools.get(name)?.method).toMatch(/^(get|list)$/);
  });
});
