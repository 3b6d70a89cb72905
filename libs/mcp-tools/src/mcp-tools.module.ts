import { Module } from '@nestjs/common';
import { ToolCatalog } from './core/catalog';
import type { ToolGroup } from './core/tool';
import { MembersToolsModule } from './members/members.module';
import { MembersTools } from './members/members.tools';

/** Every tool group module, and the catalog built from them once at start. */
const GROUPS = [MembersTools] as const;

@Module({
  imports: [MembersToolsModule],
  providers: [
    {
      provide: ToolCatalog,
      useFactory: (...groups: ToolGroup[]) => new ToolCatalog(groups),
      inject: [...GROUPS],
    },
  ],
  exports: [ToolCatalog],
})
export class McpToolsModule {}
