import { Logger, Module } from '@nestjs/common';
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
import { CommentsToolsModule } from './comments/comments.module';
import { CommentsTools } from './comments/comments.tools';
import { ChecklistsToolsModule } from './checklists/checklists.module';
import { ChecklistsTools } from './checklists/checklists.tools';
import { GoalsToolsModule } from './goals/goals.module';
import { GoalsTools } from './goals/goals.tools';
import { TimeTrackingToolsModule } from './time-tracking/time-tracking.module';
import { TimeTrackingTools } from './time-tracking/time-tracking.tools';
import { DocsToolsModule } from './docs/docs.module';
import { DocsTools } from './docs/docs.tools';
import { MembersToolsModule } from './members/members.module';
import { MembersTools } from './members/members.tools';
import { TagsToolsModule } from './tags/tags.module';
import { TagsTools } from './tags/tags.tools';
import { TasksToolsModule } from './tasks/tasks.module';
import { TasksTools } from './tasks/tasks.tools';
import { JobsToolsModule } from './jobs/jobs.module';
import { JobsTools } from './jobs/jobs.tools';
import { ChatToolsModule } from './chat/chat.module';
import { ChatTools } from './chat/chat.tools';
import { AttachmentsToolsModule } from './attachments/attachments.module';
import { AttachmentsTools } from './attachments/attachments.tools';
import { ViewsToolsModule } from './views/views.module';
import { ViewsTools } from './views/views.tools';
import { TemplatesToolsModule } from './templates/templates.module';
import { TemplatesTools } from './templates/templates.tools';

/** Every tool group module, and the catalog built from them once at start. */
const GROUPS = [
  WorkspacesTools,
  SpacesTools,
  FoldersTools,
  ListsTools,
  TasksTools,
  CustomFieldsTools,
  TagsTools,
  CommentsTools,
  ChecklistsTools,
  GoalsTools,
  TimeTrackingTools,
  DocsTools,
  MembersTools,
  JobsTools,
  ChatTools,
  AttachmentsTools,
  ViewsTools,
  TemplatesTools,
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
    CommentsToolsModule,
    ChecklistsToolsModule,
    GoalsToolsModule,
    TimeTrackingToolsModule,
    DocsToolsModule,
    MembersToolsModule,
    JobsToolsModule,
    ChatToolsModule,
    AttachmentsToolsModule,
    ViewsToolsModule,
    TemplatesToolsModule,
  ],
  providers: [
    {
      provide: ToolCatalog,
      useFactory: (...groups: ToolGroup[]) => {
        const logger = new Logger(ToolCatalog.name);
        return new ToolCatalog(groups, (tool, error) =>
          logger.error(`tool ${tool} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`),
        );
      },
      inject: [...GROUPS],
    },
  ],
  exports: [ToolCatalog],
})
export class McpToolsModule {}
