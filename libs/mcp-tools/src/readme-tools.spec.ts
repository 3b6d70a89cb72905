import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { ToolCatalog } from './core/catalog';
import { TOOL_TAGS } from './core/tool';
import { McpToolsModule } from './mcp-tools.module';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** The tools of README's table: `| \`tag\` | reads | writes |`, each cell a comma-separated list of `name`s. */
function readmeTable(): Map<string, { reads: string[]; writes: string[] }> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Tools\n')[1]?.split('\n## ')[0] ?? '';
  const names = (cell: string) => [...cell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
  const rows = new Map<string, { reads: string[]; writes: string[] }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const tag = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (tag && cells.length >= 5) rows.set(tag, { reads: names(cells[2]), writes: names(cells[3]) });
  }
  return rows;
}

describe("README's tool table", () => {
  it('lists every tool of the catalog under its group, reads apart from writes, and nothing else', async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    const catalog = module.get(ToolCatalog);
    const expected = new Map(
      TOOL_TAGS.map((tag) => {
        const tools = [...catalog.tools.values()].filter((t) => t.tags[0] === tag);
        const reads = tools.filter((t) => t.annotations.readOnlyHint).map((t) => t.name);
        const writes = tools.filter((t) => !t.annotations.readOnlyHint).map((t) => t.name);
        return [tag, { reads: reads.sort(), writes: writes.sort() }];
      }),
    );
    const table = readmeTable();
    const actual = new Map(
      [...table].map(([tag, row]) => [tag, { reads: [...row.reads].sort(), writes: [...row.writes].sort() }]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });
});
