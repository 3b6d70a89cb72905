import { Module } from '@nestjs/common';
import { ToolCatalog } from './core/catalog';
import type { ToolGroup } from './core/tool';
import { CustomFieldsToolsModule } from './custom-fields/custom-fields.module';
import { CustomFieldsTools } from './custom-fields/custom-fields.tools';
import { MembersToolsModule } from './members/members.module';
import { MembersTools } from './members/members.tools';
import { TagsToolsModule } from './tags/tags.module';
import { TagsTools } from './tags/tags.tools';
import { TasksToolsModule } from './tasks/tasks.module';
import { TasksTools } from './tasks/tasks.tools';

/** Every tool group module, and the catalog built from them once at start. */
const GROUPS = [TasksTools, CustomFieldsTools, TagsTools, MembersTools] as const;

@Module({
  imports: [TasksToolsModule, CustomFieldsToolsModule, TagsToolsModule, MembersToolsModule],
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
