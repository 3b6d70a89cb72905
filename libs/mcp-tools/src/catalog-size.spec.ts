import { Test } from '@nestjs/testing';
import { readAnnotations, ToolCatalog, type ToolSelection } from './core/catalog';
import { META_TOOLS } from './core/progressive';
import { TOOL_TAGS } from './core/tool';
import { McpToolsModule } from './mcp-tools.module';

/** What `tools/list` may cost in an agent's context: CONTRACTS and issue 17 cap the whole catalog at 60,000 bytes. */
const CAP = 60_000;

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
      TOOL_TAGS.map((tag): [string, ToolSelection] => [tag, catalog.select({ tags: [tag] })]).map(
        ([tag, s]) => [tag, `${s.listing.length} tools, ${s.bytes} B`],
      ),
    );
    console.log(
      `tools/list: ${all.listing.length} tools, ${all.bytes} bytes\n${JSON.stringify(perTag, null, 2)}`,
    );
    expect(all.bytes).toBeLessThanOrEqual(CAP);
  });

  it('keeps under 60 KB a server that holds every write for approval, each saying so in its description', () => {
    const held = catalog.select({ approval: { mode: 'writes' } });
    const marked = held.listing.filter((t) => t.description.includes('Needs approval.'));
    console.log(`tools/list holding every write: ${held.bytes} bytes, ${marked.length} tools marked`);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((t) => !readAnnotations(t.annotations).readOnlyHint)).toBe(true);
    expect(held.bytes).toBeLessThanOrEqual(CAP);
  });

  it('gives every tool a title, a description, both schemas, truthful hints and a tag', () => {
    for (const tool of catalog.select().listing) {
      expect(tool.name).toMatch(/^[a-z_]+$/);
      expect(tool.title.length).toBeGreaterThan(0);
      expect(tool.description.length).toBeGreaterThan(10);
      expect(tool.inputSchema['type']).toBe('object');
      expect(tool.outputSchema['type']).toBe('object');
      const definition = catalog.tools.get(tool.name);
      // The listing states what differs from MCP's defaults; read with them, it says what the definition says.
      const hints = readAnnotations(tool.annotations);
      expect(hints.openWorldHint).toBe(true);
      expect(hints.readOnlyHint).toBe(['get', 'list'].includes(definition?.method ?? ''));
      if (hints.readOnlyHint) expect(tool.annotations).toEqual({ readOnlyHint: true });
      else {
        expect(hints.destructiveHint).toBe(definition?.annotations.destructiveHint);
        expect(hints.idempotentHint).toBe(definition?.annotations.idempotentHint);
      }
      expect(definition?.tags.length).toBeGreaterThan(0);
    }
  });

  it('lists in each outputSchema the result fields only, open to the envelope it returns', () => {
    for (const tool of catalog.select().listing) {
      const { type, properties, ...rest } = tool.outputSchema as {
        type: string;
        properties?: { result?: { properties?: object } };
      };
      expect([tool.name, type, rest]).toEqual([tool.name, 'object', {}]);
      if (properties) expect(Object.keys(properties)).toEqual(['result']);
      expect(JSON.stringify(tool.outputSchema)).not.toContain('additionalProperties');
    }
  });

  it('lists only the meta tools on a progressive server, which keeps its whole selection callable', () => {
    const full = catalog.select({ approval: { mode: 'writes' } });
    const progressive = catalog.select({ approval: { mode: 'writes' }, catalog: 'progressive' });
    console.log(`tools/list of a progressive server: ${progressive.bytes} bytes`);
    expect(progressive.listing.map((t) => t.name)).toEqual([...META_TOOLS]);
    expect(progressive.bytes).toBeLessThan(2_000);
    expect(progressive.names).toEqual(full.names);
    // tool_describe gives each tool its own full schemas, where the full listing states a shared result once.
    expect(progressive.tools).toEqual(full.tools);
    // Not ClickUp tools: in no group, never in a full listing.
    for (const name of META_TOOLS) expect(catalog.tools.has(name)).toBe(false);
  });

  it('filters by method and tag with AND', () => {
    const names = [...catalog.select({ methods: ['read'], tags: ['tasks'] }).names];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(catalog.tools.get(name)?.method).toMatch(/^(get|list)$/);
  });
});
