import { ChecklistsTools } from './checklists/checklists.tools';
import { CommentsTools } from './comments/comments.tools';
import { CustomFieldsTools } from './custom-fields/custom-fields.tools';
import { DocsTools } from './docs/docs.tools';
import { FoldersTools } from './folders/folders.tools';
import { GoalsTools } from './goals/goals.tools';
import { JobsTools } from './jobs/jobs.tools';
import { ListsTools } from './lists/lists.tools';
import { MembersTools } from './members/members.tools';
import { SpacesTools } from './spaces/spaces.tools';
import { TagsTools } from './tags/tags.tools';
import { TasksTools } from './tasks/tasks.tools';
import { TimeTrackingTools } from './time-tracking/time-tracking.tools';
import { WorkspacesTools } from './workspaces/workspaces.tools';
import { ChatTools } from './chat/chat.tools';
import { AttachmentsTools } from './attachments/attachments.tools';
import { ViewsTools } from './views/views.tools';
import { TemplatesTools } from './templates/templates.tools';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { ToolCatalog } from './core/catalog';
import { clickUpId } from './core/input-fields';
import { TASK } from './core/proofs';
import { defineTool, READ, type ToolDefinition, type ToolGroup } from './core/tool';
import { defineGuard, idArguments, type ToolGuard } from './core/tool-guard';
import { McpToolsModule } from './mcp-tools.module';

const GROUPS: ToolGroup[] = [
  new WorkspacesTools(),
  new SpacesTools(),
  new FoldersTools(),
  new ListsTools(),
  new TasksTools(),
  new CustomFieldsTools(),
  new TagsTools(),
  new CommentsTools(),
  new ChecklistsTools(),
  new GoalsTools(),
  new TimeTrackingTools(),
  new DocsTools(),
  new MembersTools(),
  new JobsTools(),
  new ChatTools(),
  new AttachmentsTools(),
  new ViewsTools(),
  new TemplatesTools(),
];

type Declared = Record<string, { kind: string; reason?: string } | undefined>;

const ROWS = GROUPS.flatMap((group) =>
  group.tools.map((tool) => [tool.name, tool, group.guard, group.guard.tools[tool.name]] as const),
);

/**
 * Every tool of the product with the guard entry its group declares, derived from the zod inputs: an argument added
 * to a tool that names a ClickUp object fails here (and at start) until its guard proves it or says why not.
 */
describe('the tool groups’ guards', () => {
  it('cover the whole catalog the module builds', async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    expect(ROWS.map(([name]) => name).sort()).toEqual([...module.get(ToolCatalog).tools.keys()].sort());
  });

  it.each(ROWS)(
    '%s: every argument naming a ClickUp object is proven, or says why not',
    (_name, tool, guard, guarded) => {
      expect(guarded).toBeDefined();
      expect(tool.tags).toContain(guard.tag);
      const ids = guarded.ids as Declared;
      const gaps = idArguments(tool.input).flatMap((argument) => {
        const proof = ids[argument];
        if (!proof) return [`${argument}: no proof`];
        if (proof.kind === 'none' && (proof.reason ?? '').length < 20) return [`${argument}: no reason`];
        return [];
      });
      const strays = Object.keys(ids).filter((argument) => !(argument in tool.input.shape));
      expect({ gaps, strays }).toEqual({ gaps: [], strays: [] });
    },
  );

  it('prove each id with the kind of object it names', () => {
    const kinds = Object.fromEntries(
      ROWS.map(([name, , , guarded]) => [
        name,
        Object.fromEntries(Object.entries(guarded.ids as Declared).map(([a, p]) => [a, p?.kind])),
      ]),
    );
    expect(kinds).toMatchObject({
      task_create: { list_id: 'list', parent: 'task' },
      task_get: { task_id: 'task', team_id: 'workspace' },
      task_update: { task_id: 'task', parent: 'task' },
      task_add_dependency: { task_id: 'task', depends_on: 'task' },
      task_set_custom_field: { task_id: 'task', field_id: 'none', value: 'custom_field_value' },
      task_search: { space_ids: 'none', list_ids: 'none' },
      list_list: { folder_id: 'folder', space_id: 'space' },
      tag_list: { space_id: 'space' },
      comment_update: { task_id: 'task', list_id: 'list', comment_id: 'comment' },
      checklist_item_update: {
        task_id: 'task',
        checklist_id: 'checklist',
        item_id: 'checklist_item',
        parent_item_id: 'checklist_item',
      },
      doc_get: { doc_id: 'doc' },
      doc_page_get: { doc_id: 'doc', page_id: 'none' },
      doc_create: { space_id: 'space', folder_id: 'folder', list_id: 'list' },
      key_result_create: { goal_id: 'goal', task_ids: 'task', list_ids: 'list' },
      key_result_update: { goal_id: 'goal', key_result_id: 'key_result' },
      time_entry_update: { time_entry_id: 'time_entry', task_id: 'task' },
      member_list: { list_id: 'list', task_id: 'task' },
      retry_job_get: { job_id: 'job' },
      chat_channel_list: { location_id: 'none' },
      chat_message_list: { channel_id: 'chat_channel', message_id: 'chat_message' },
      chat_reaction_add: { channel_id: 'chat_channel', message_id: 'chat_message' },
      attachment_upload: { task_id: 'task' },
      view_list: { space_id: 'space', folder_id: 'folder', list_id: 'list' },
      view_task_list: { view_id: 'view' },
      task_create_from_template: { list_id: 'list', template_id: 'none' },
      list_create_from_template: { folder_id: 'folder', space_id: 'space', template_id: 'none' },
    });
  });

  it('mark the goals group, and only it, as workspace-level', () => {
    expect(GROUPS.filter((g) => g.guard.workspaceLevel).map((g) => g.guard.tag)).toEqual(['goals']);
  });
});

describe('which arguments name ClickUp objects', () => {
  it('finds *_id and *_ids holding text, and ClickUp id fields under any name', () => {
    const input = z.object({
      task_id: z.string(),
      list_ids: z.array(z.string()).optional(),
      parent: clickUpId.describe('a task').optional(),
      depends_on: clickUpId,
      linked: z.array(clickUpId).nullable(),
      custom_task_ids: z.boolean().default(false),
      name: z.string(),
      assignee: z.number(),
    });
    expect(idArguments(input)).toEqual(['task_id', 'list_ids', 'parent', 'depends_on', 'linked']);
  });
});

describe('registering a tool', () => {
  const tool = (name: string, input: z.ZodObject) =>
    defineTool({
      name,
      title: name,
      description: name,
      method: 'get',
      tags: ['folders'],
      input,
      output: z.object({}),
      annotations: READ,
      handler: async () => ({}),
    });
  const register = (tools: ToolDefinition[], guard: ToolGuard) => () => new ToolCatalog([{ tools, guard }]);

  it('is refused without a guard entry', () => {
    const guard = defineGuard({ tag: 'folders', tools: {} });
    expect(register([tool('folder_peek', z.object({}))], guard)).toThrow(/folder_peek has no guard/);
  });

  it('is refused when an id argument was added without a proof', () => {
    const input = z.object({ folder_id: z.string(), task_id: z.string().optional() });
    const guard = defineGuard({ tag: 'folders', tools: { folder_peek: { ids: { folder_id: TASK } } } });
    expect(register([tool('folder_peek', input)], guard)).toThrow(
      /folder_peek: task_id name ClickUp objects, and its guard neither proves them/,
    );
  });

  it('is refused under a guard of another tag, and a guard naming tools or arguments that do not exist', () => {
    const peek = tool('folder_peek', z.object({}));
    expect(register([peek], defineGuard({ tag: 'lists', tools: { folder_peek: { ids: {} } } }))).toThrow(
      /not tagged lists/,
    );
    expect(
      register(
        [peek],
        defineGuard({ tag: 'folders', tools: { folder_peek: { ids: {} }, gone: { ids: {} } } }),
      ),
    ).toThrow(/names tools it has not: gone/);
    expect(
      register([peek], defineGuard({ tag: 'folders', tools: { folder_peek: { ids: { space_id: TASK } } } })),
    ).toThrow(/proves arguments it has not: space_id/);
  });
});
