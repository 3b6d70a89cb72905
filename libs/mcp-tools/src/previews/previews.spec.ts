import { Test } from '@nestjs/testing';
import { ToolCatalog } from '../core/catalog';
import { McpToolsModule } from '../mcp-tools.module';
import { PREVIEW_READERS } from './previews';

describe('the preview readers', () => {
  let catalog: ToolCatalog;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
  });

  it('read the effect of write tools of the catalog only', () => {
    const misnamed = Object.keys(PREVIEW_READERS).filter((name) => {
      const tool = catalog.tools.get(name);
      return !tool || tool.annotations.readOnlyHint;
    });
    expect(misnamed).toEqual([]);
  });
});
