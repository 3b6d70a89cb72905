import { Module } from '@nestjs/common';
import { ToolCatalog } from './core/catalog';
import type { ToolGroup } from './core/tool';
import { CustomFieldsToolsModule } from './custom-fields/custom-fields.module';
import { CustomFieldsTools } from './custom-fields/custom-fields.tools';
import { WorkspacesToolsModule } from './workspaces/workspaces.module';
import { WorkspacesTools } from './workspaces/workspaces.tools';
import { SpacesToolsModule } from './spaces/spaces.module';
import { SpacesTools } from './spaces/spaces.tools';
import { FoldersToolsModule } from './folders/folders.module';
import { FoldersTools } from './folders/folders.tools';
import { ListsToolsModule } from './lists/lists.module';
import { ListsTools } from './lists/lists.tools';
import { MembersToolsModule } from './members/members.module';
import { MembersTools } from './members/members.tools';
import { TagsToolsModule } from './tags/tags.module';
import { TagsTools } from './tags/tags.tools';
import { TasksToolsModule } from './tasks/tasks.module';
import { TasksTools } from './tasks/tasks.tools';

/** Every tool group module, and the catalog built from them once at start. */
const GROUPS = [
  WorkspacesTools,
  SpacesTools,
  FoldersTools,
  ListsTools,
  TasksTools,
  CustomFieldsTools,
  TagsTools,
  MembersTools,
] as const;

@Module({
  imports: [
    WorkspacesToolsModule,
    SpacesToolsModule,
    FoldersToolsModule,
    ListsToolsModule,
    TasksToolsModule,
    CustomFieldsToolsModule,
    TagsToolsModule,
    MembersToolsModule,
  ],
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
