import type { Answer } from './helpers';
import { defined, startSandbox, type Running } from './helpers';
import { SpecValidator, type Erratum } from './openapi';

/**
 * Every operation the sandbox serves answers 2xx bodies that validate against the response schema
 * of that operation in ClickUp's official OpenAPI files (v2: clickup-api-v2-reference.json, v3:
 * ClickUp_PUBLIC_API_V3.yaml). Where the spec contradicts its own examples the sandbox follows the
 * examples, and the schema is patched here, each patch saying why.
 */
const taskGet = '#/paths/~1v2~1task~1%7Btask_id%7D/get/responses/200/content/application~1json/schema';
const createList =
  '#/paths/~1v2~1space~1%7Bspace_id%7D~1list/post/responses/200/content/application~1json/schema';
const V2_ERRATA: Erratum[] = [
  {
    pointer: `${taskGet}/properties/time_estimate`,
    schema: { type: ['string', 'number', 'null'] },
    why: 'The Get Task example (and the team-task example) give time_estimate as a string of ms ("8640000"); the schema says number.',
  },
  {
    pointer:
      '#/paths/~1v2~1team~1%7Bteam_Id%7D~1task/get/responses/200/content/application~1json/schema/properties/tasks/items',
    schema: { $ref: taskGet },
    why:
      'The Filtered Team Tasks item schema contradicts its own example in many places (priority typed integer while the ' +
      'example has an object, parent/date_closed non-nullable while the example has null, dependencies typed string[]); ' +
      'a task is the same object everywhere, so team tasks are validated as Get Task.',
  },
  {
    pointer:
      '#/paths/~1v2~1list~1%7Blist_id%7D~1task/get/responses/200/content/application~1json/schema/properties/tasks/items',
    schema: { $ref: taskGet },
    why: 'The Get Tasks item schema types checklists as string[] and custom_fields as an object while its example has objects; validated as Get Task.',
  },
  {
    pointer: '#/paths/~1v2~1list~1%7Blist_id%7D~1task/post/responses/200/content/application~1json/schema',
    schema: { $ref: taskGet },
    why:
      'Create Task types assignees, watchers, tags and checklists as string[] (its example leaves them empty) while Get Task, ' +
      'schema and example, has user and tag objects there; the sandbox answers the same task object, validated as Get Task.',
  },
  {
    pointer: '#/paths/~1v2~1task~1%7Btask_id%7D/put/responses/200/content/application~1json/schema',
    schema: { $ref: taskGet },
    why: 'Same as Create Task.',
  },
  {
    pointer:
      '#/paths/~1v2~1task~1%7Btask_id%7D~1comment/get/responses/200/content/application~1json/schema/properties/comments/items/properties/assignee',
    schema: { oneOf: [{ type: 'null' }, { type: 'object' }] },
    why: 'A comment nobody is assigned to has assignee: null (API-NOTES §8); the schema allows only an object.',
  },
  {
    pointer:
      '#/paths/~1v2~1task~1%7Btask_id%7D~1comment/get/responses/200/content/application~1json/schema/properties/comments/items/properties/assigned_by',
    schema: { oneOf: [{ type: 'null' }, { type: 'object' }] },
    why: 'Same as assignee.',
  },
  {
    pointer:
      '#/paths/~1v2~1team~1%7Bteam_id%7D~1goal/get/responses/200/content/application~1json/schema/properties/goals/items/properties/owners',
    schema: {
      type: 'array',
      items: {
        $ref: '#/paths/~1v2~1goal~1%7Bgoal_id%7D/get/responses/200/content/application~1json/schema/properties/goal/properties/owners/items',
      },
    },
    why: 'Get Goals types owners as string[] (its example is empty) while Get Goal has user objects; a goal lists its owners the same way in both.',
  },
  {
    pointer:
      '#/paths/~1v2~1task~1%7Btask_id%7D~1link~1%7Blinks_to%7D/post/responses/200/content/application~1json/schema/properties/task',
    schema: { $ref: taskGet },
    why: 'The Add Task Link schema types assignees/tags/checklists as string[] and priority as a string; the sandbox answers the full task, validated as Get Task.',
  },
  {
    pointer:
      '#/paths/~1v2~1task~1%7Btask_id%7D~1link~1%7Blinks_to%7D/delete/responses/200/content/application~1json/schema/properties/task',
    schema: { $ref: taskGet },
    why: 'Same as Add Task Link.',
  },
  {
    pointer:
      '#/paths/~1v2~1task~1bulk_time_in_status~1task_ids/get/responses/200/content/application~1json/schema',
    schema: {
      type: 'object',
      additionalProperties: {
        $ref: '#/paths/~1v2~1task~1%7Btask_id%7D~1time_in_status/get/responses/200/content/application~1json/schema',
      },
    },
    why: 'Bulk Time in Status is typed from its example, with the example task ids as required keys; it is keyed by the ids sent.',
  },
  {
    pointer:
      '#/paths/~1v2~1space~1%7Bspace_id%7D~1folder/get/responses/200/content/application~1json/schema/properties/folders',
    schema: {
      type: 'array',
      items: {
        $ref: '#/paths/~1v2~1folder~1%7Bfolder_id%7D/get/responses/200/content/application~1json/schema',
      },
    },
    why: 'Get Folders types `folders` as one object; every example and client treats it as an array of Folder.',
  },
  {
    pointer:
      '#/paths/~1v2~1folder~1%7Bfolder_id%7D/get/responses/200/content/application~1json/schema/properties/lists',
    schema: { type: 'array', items: { type: 'object' } },
    why: 'Folder `lists` is typed string[]; it holds List objects (API-NOTES §4.2).',
  },
  {
    pointer:
      '#/paths/~1v2~1user/get/responses/200/content/application~1json/schema/properties/user/properties/timezeone',
    schema: {},
    why: 'The schema misspells timezone as `timezeone`; the example says `timezone`, which the sandbox sends.',
  },
  {
    pointer:
      '#/paths/~1v2~1goal~1%7Bgoal_id%7D/get/responses/200/content/application~1json/schema/properties/goal/properties/key_results',
    schema: { type: 'array', items: { type: 'object' } },
    why: 'Goal `key_results` is typed string[]; it holds Key Result objects.',
  },
  {
    op: 'GET /v2/team/{team_id}/time_entries/{timer_id} 200',
    schema: {
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          type: 'array',
          items: {
            $ref: '#/paths/~1v2~1team~1%7Bteam_id%7D~1time_entries~1%7Btimer_id%7D/get/responses/200/content/application~1json/schema/properties/data',
          },
        },
      },
    },
    why: 'Get Singular Time Entry types `data` as an object but its example wraps the entry in an array; the sandbox follows the example.',
  },
  ...[
    '~1v2~1list~1%7Blist_id%7D/get',
    '~1v2~1list~1%7Blist_id%7D/put',
    '~1v2~1folder~1%7Bfolder_id%7D~1list/post',
    '~1v2~1space~1%7Bspace_id%7D~1list/post',
  ].flatMap((op): Erratum[] => [
    {
      pointer: `#/paths/${op}/responses/200/content/application~1json/schema/properties/start_date_time`,
      schema: { type: ['boolean', 'null'] },
      why: 'start_date_time is typed string|null (its examples are null); it is the boolean twin of due_date_time, which the schema types boolean.',
    },
    ...['status', 'priority', 'due_date'].map((key): Erratum => ({
      pointer: `#/paths/${op}/responses/200/content/application~1json/schema/properties/${key}`,
      schema: (original) => ({ anyOf: [original, { type: 'null' }] }),
      why:
        `A list without a ${key} reads ${key}: null (API-NOTES §4.3; the same schema already allows null for start_date ` +
        'and for these keys in Get Folderless Lists); this schema alone forbids it.',
    })),
  ]),
  ...['~1v2~1list~1%7Blist_id%7D/get', '~1v2~1list~1%7Blist_id%7D/put'].map((op): Erratum => ({
    pointer: `#/paths/${op}/responses/200/content/application~1json/schema/properties/assignee`,
    schema: { anyOf: [{ $ref: `${createList}/properties/assignee` }, { type: 'null' }] },
    why: 'Get/Update List type the list assignee as string|null while Create List types it as a user object; it is the same user either way.',
  })),
  {
    pointer: `${createList}/properties/assignee`,
    schema: (original) => ({ anyOf: [original, { type: 'null' }] }),
    why: 'A list nobody is assigned to reads assignee: null, as the Get List example shows; Create List allows only an object.',
  },
  ...[
    '~1v2~1team~1%7Bteam_id%7D~1time_entries~1%7Btimer_id%7D/get/responses/200/content/application~1json/schema/properties/data',
    '~1v2~1team~1%7Bteam_Id%7D~1time_entries/get/responses/200/content/application~1json/schema/properties/data/items',
    '~1v2~1team~1%7Bteam_id%7D~1time_entries~1current/get/responses/200/content/application~1json/schema/properties/data',
    '~1v2~1team~1%7Bteam_Id%7D~1time_entries~1start/post/responses/200/content/application~1json/schema/properties/data',
    '~1v2~1team~1%7Bteam_id%7D~1time_entries~1stop/post/responses/200/content/application~1json/schema/properties/data',
  ].map((schema): Erratum => ({
    pointer: `#/paths/${schema}/properties/tags`,
    schema: { type: 'array', items: { type: 'object', required: ['name'] } },
    why:
      'Time-entry tags are typed string[] with only empty examples, while Create Time Entry writes them as {name, tag_fg, tag_bg} ' +
      'and Get All Tags From Time Entries lists them as objects; the sandbox reads them back as the objects written.',
  })),
  {
    pointer:
      '#/paths/~1v2~1team~1%7Bteam_Id%7D~1time_entries/get/responses/200/content/application~1json/schema/properties/data/items',
    schema: (original) => ({
      ...original,
      required: (original['required'] as string[]).filter(
        (k) => !['task', 'task_location', 'task_tags', 'task_url'].includes(k),
      ),
    }),
    why:
      'The item schema requires task, task_location, task_tags and task_url, yet the spec documents entries with no task ' +
      '(tid is optional on create); such entries have none of the four (API-NOTES §16.1).',
  },
  {
    pointer:
      '#/paths/~1v2~1view~1%7Bview_id%7D~1task/get/responses/200/content/application~1json/schema/properties/tasks/items',
    schema: { $ref: taskGet },
    why: 'The Get View Tasks item schema types watchers and tags as string[], points as non-null and custom_fields as one object, like Get Tasks; a task is the same object everywhere, so validated as Get Task.',
  },
  {
    pointer:
      '#/paths/~1v2~1view~1%7Bview_id%7D/put/requestBody/content/application~1json/schema/properties/filters/properties/fields/items',
    schema: { type: 'object' },
    why: 'The View schema (shared by Get View through the Update View body) types filters.fields as string[] while its own example (and every view list example) has filter objects {field, op, determinor, idx, values}.',
  },
  {
    pointer:
      '#/paths/~1v2~1team~1%7Bteam_id%7D~1taskTemplate/get/responses/200/content/application~1json/schema/properties/templates/items',
    schema: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string' }, name: { type: 'string' } },
    },
    why:
      'Get Task Templates types templates as string[] with only an empty example; the sandbox answers {id, name} as Get ' +
      'List Templates documents for its templates (unverified for task templates; the client reads both forms).',
  },
  ...(['status', 'priority'] as const).map((key): Erratum => ({
    pointer: `#/paths/~1v2~1space~1%7Bspace_id%7D~1list/get/responses/200/content/application~1json/schema/properties/lists/items/properties/${key}`,
    schema: (original) => ({ anyOf: original['oneOf'] }),
    why:
      `A list without a ${key} has ${key}: null, which the schema's second branch allows; but its oneOf has a third, empty ` +
      'branch that also matches null, so oneOf rejects every null. anyOf keeps the intent.',
  })),
];

const v2 = new SpecValidator('clickup-api-v2-reference.json', 'v2', V2_ERRATA);
const v3 = new SpecValidator('ClickUp_PUBLIC_API_V3.yaml', 'v3');

let run: Running;
const checked = new Set<string>();

beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

/** Asserts the documented status and a body that validates against the operation's response schema. */
function conforms(method: string, specPath: string, answer: Answer<unknown>, status = 200): void {
  const spec = specPath.startsWith('/api/v3') ? v3 : v2;
  checked.add(`${method} ${specPath}`);
  expect({
    op: `${method} ${specPath}`,
    status: answer.status,
    body: answer.status === status ? 'ok' : answer.text,
  }).toEqual({
    op: `${method} ${specPath}`,
    status,
    body: 'ok',
  });
  if (status === 204) {
    expect(answer.text).toBe('');
    return;
  }
  expect({
    op: `${method} ${specPath}`,
    errors: spec.validate(method, specPath, status, answer.body),
  }).toEqual({
    op: `${method} ${specPath}`,
    errors: [],
  });
}

describe('contract: v2 answers validate against clickup-api-v2-reference.json', () => {
  const state: Record<string, string> = {};

  it('users and workspaces', async () => {
    const { api, seed } = run;
    conforms('GET', '/v2/user', await api.get('/api/v2/user'));
    conforms('GET', '/v2/team', await api.get('/api/v2/team'));
    conforms(
      'GET',
      '/v2/list/{list_id}/member',
      await api.get(`/api/v2/list/${seed.lists['Sprint 42']}/member`),
    );
    conforms(
      'GET',
      '/v2/task/{task_id}/member',
      await api.get(`/api/v2/task/${seed.tasks['Refactor Login Component'].id}/member`),
    );
    conforms('GET', '/v2/team/{team_id}/custom_item', await api.get(`/api/v2/team/${seed.acme}/custom_item`));
  });

  it('spaces', async () => {
    const { api, seed } = run;
    conforms('GET', '/v2/team/{team_id}/space', await api.get(`/api/v2/team/${seed.acme}/space`));
    const created = await api.post<{ id: string }>(`/api/v2/team/${seed.acme}/space`, {
      name: 'Contract Space',
      multiple_assignees: true,
      features: {
        due_dates: { enabled: true, start_date: false, remap_due_dates: true, remap_closed_due_date: false },
        time_tracking: { enabled: false },
      },
    });
    conforms('POST', '/v2/team/{team_id}/space', created);
    state['space'] = created.body.id;
    conforms('GET', '/v2/space/{space_id}', await api.get(`/api/v2/space/${state['space']}`));
    conforms(
      'PUT',
      '/v2/space/{space_id}',
      await api.put(`/api/v2/space/${state['space']}`, { name: 'Contract Space 2', color: '#7B68EE' }),
    );
  });

  it('folders and lists', async () => {
    const { api, seed } = run;
    conforms(
      'GET',
      '/v2/space/{space_id}/folder',
      await api.get(`/api/v2/space/${seed.spaces['Engineering']}/folder`),
    );
    const folder = await api.post<{ id: string }>(`/api/v2/space/${state['space']}/folder`, {
      name: 'Contract Folder',
    });
    conforms('POST', '/v2/space/{space_id}/folder', folder);
    state['folder'] = folder.body.id;
    conforms(
      'GET',
      '/v2/folder/{folder_id}',
      await api.get(`/api/v2/folder/${seed.folders['Product Engineering']}`),
    );
    conforms(
      'PUT',
      '/v2/folder/{folder_id}',
      await api.put(`/api/v2/folder/${state['folder']}`, { name: 'Contract Folder 2' }),
    );
    conforms(
      'GET',
      '/v2/folder/{folder_id}/list',
      await api.get(`/api/v2/folder/${seed.folders['Product Engineering']}/list`),
    );
    const list = await api.post<{ id: string }>(`/api/v2/folder/${state['folder']}/list`, {
      name: 'Contract List',
      content: 'x',
      priority: 1,
      status: 'red',
      assignee: seed.users.sarah,
      due_date: 1767225600000,
    });
    conforms('POST', '/v2/folder/{folder_id}/list', list);
    state['list'] = list.body.id;
    conforms(
      'GET',
      '/v2/space/{space_id}/list',
      await api.get(`/api/v2/space/${seed.spaces['Engineering']}/list`),
    );
    const folderless = await api.post<{ id: string }>(`/api/v2/space/${state['space']}/list`, {
      name: 'Contract Folderless',
      assignee: seed.users.owner,
    });
    conforms('POST', '/v2/space/{space_id}/list', folderless);
    state['folderless'] = folderless.body.id;
    conforms('GET', '/v2/list/{list_id}', await api.get(`/api/v2/list/${seed.lists['Sprint 42']}`));
    conforms(
      'PUT',
      '/v2/list/{list_id}',
      await api.put(`/api/v2/list/${state['list']}`, { name: 'Contract List 2', unset_status: true }),
    );
    const marketingTask = seed.tasks['Draft launch blog post'].id;
    conforms(
      'POST',
      '/v2/list/{list_id}/task/{task_id}',
      await api.post(`/api/v2/list/${state['list']}/task/${marketingTask}`),
    );
    conforms(
      'DELETE',
      '/v2/list/{list_id}/task/{task_id}',
      await api.delete(`/api/v2/list/${state['list']}/task/${marketingTask}`),
    );
  });

  it('tasks', async () => {
    const { api, seed } = run;
    const login = seed.tasks['Refactor Login Component'];
    conforms(
      'GET',
      '/v2/task/{task_id}',
      await api.get(`/api/v2/task/${login.id}`, {
        query: { include_subtasks: true, include_markdown_description: true },
      }),
    );
    conforms(
      'GET',
      '/v2/task/{task_id}',
      await api.get(`/api/v2/task/${seed.tasks['Onboarding flow redesign'].id}`, {
        query: { include_subtasks: true },
      }),
    );
    conforms(
      'GET',
      '/v2/list/{list_id}/task',
      await api.get(`/api/v2/list/${seed.lists['Sprint 42']}/task`, {
        query: { include_closed: true, subtasks: true },
      }),
    );
    conforms(
      'GET',
      '/v2/team/{team_Id}/task',
      await api.get(`/api/v2/team/${seed.acme}/task`, { query: { include_closed: true, subtasks: true } }),
    );
    const created = await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Sprint 42']}/task`, {
      name: 'Contract task',
      markdown_content: '# Title\n\nBody',
      assignees: [seed.users.sarah],
      tags: ['frontend'],
      status: 'in progress',
      priority: 2,
      due_date: 1767225600000,
      due_date_time: false,
      time_estimate: 3600000,
      points: 3,
    });
    conforms('POST', '/v2/list/{list_id}/task', created);
    state['task'] = created.body.id;
    conforms(
      'PUT',
      '/v2/task/{task_id}',
      await api.put(`/api/v2/task/${state['task']}`, {
        name: 'Contract task 2',
        assignees: { add: [seed.users.david], rem: [seed.users.sarah] },
        priority: null,
        status: 'complete',
      }),
    );
  });

  it('custom fields, dependencies, links and tags', async () => {
    const { api, seed } = run;
    conforms(
      'GET',
      '/v2/list/{list_id}/field',
      await api.get(`/api/v2/list/${seed.lists['Sprint 42']}/field`),
    );
    conforms(
      'GET',
      '/v2/folder/{folder_id}/field',
      await api.get(`/api/v2/folder/${seed.folders['Product Engineering']}/field`),
    );
    conforms(
      'GET',
      '/v2/space/{space_id}/field',
      await api.get(`/api/v2/space/${seed.spaces['Engineering']}/field`),
    );
    conforms('GET', '/v2/team/{team_id}/field', await api.get(`/api/v2/team/${seed.acme}/field`));
    const fields = (
      await api.get<{ fields: { id: string; name: string; type_config: { options?: { id: string }[] } }[] }>(
        `/api/v2/list/${seed.lists['Sprint 42']}/field`,
      )
    ).body.fields;
    const component = defined(fields.find((f) => f.name === 'Component'));
    conforms(
      'POST',
      '/v2/task/{task_id}/field/{field_id}',
      await api.post(`/api/v2/task/${state['task']}/field/${component.id}`, {
        value: defined(component.type_config.options)[1].id,
      }),
    );
    conforms(
      'DELETE',
      '/v2/task/{task_id}/field/{field_id}',
      await api.delete(`/api/v2/task/${state['task']}/field/${component.id}`),
    );
    const other = seed.tasks['Add dark mode toggle'].id;
    conforms(
      'POST',
      '/v2/task/{task_id}/dependency',
      await api.post(`/api/v2/task/${state['task']}/dependency`, { depends_on: other }),
    );
    conforms(
      'DELETE',
      '/v2/task/{task_id}/dependency',
      await api.delete(`/api/v2/task/${state['task']}/dependency`, { query: { depends_on: other } }),
    );
    conforms(
      'POST',
      '/v2/task/{task_id}/link/{links_to}',
      await api.post(`/api/v2/task/${state['task']}/link/${other}`),
    );
    conforms(
      'DELETE',
      '/v2/task/{task_id}/link/{links_to}',
      await api.delete(`/api/v2/task/${state['task']}/link/${other}`),
    );
    conforms(
      'GET',
      '/v2/task/{task_id}/time_in_status',
      await api.get(`/api/v2/task/${state['task']}/time_in_status`),
    );
    conforms(
      'GET',
      '/v2/task/bulk_time_in_status/task_ids',
      await api.get('/api/v2/task/bulk_time_in_status/task_ids', {
        query: { task_ids: [state['task'], other] },
      }),
    );
    const backlog = seed.lists['Bug Backlog'];
    conforms(
      'PUT',
      '/api/v3/workspaces/{workspace_id}/tasks/{task_id}/home_list/{list_id}',
      await api.put(`/api/v3/workspaces/${seed.acme}/tasks/${other}/home_list/${backlog}`, {}),
    );
    conforms(
      'GET',
      '/v2/space/{space_id}/tag',
      await api.get(`/api/v2/space/${seed.spaces['Engineering']}/tag`),
    );
    conforms(
      'POST',
      '/v2/space/{space_id}/tag',
      await api.post(`/api/v2/space/${seed.spaces['Engineering']}/tag`, {
        tag: { name: 'contract', tag_fg: '#000000', tag_bg: '#ffffff' },
      }),
    );
    conforms(
      'POST',
      '/v2/task/{task_id}/tag/{tag_name}',
      await api.post(`/api/v2/task/${state['task']}/tag/contract`),
    );
    conforms(
      'DELETE',
      '/v2/task/{task_id}/tag/{tag_name}',
      await api.delete(`/api/v2/task/${state['task']}/tag/contract`),
    );
    conforms(
      'PUT',
      '/v2/space/{space_id}/tag/{tag_name}',
      await api.put(`/api/v2/space/${seed.spaces['Engineering']}/tag/contract`, {
        tag: { name: 'contract two', fg_color: '#ffffff', bg_color: '#000000' },
      }),
    );
    conforms(
      'DELETE',
      '/v2/space/{space_id}/tag/{tag_name}',
      await api.delete(`/api/v2/space/${seed.spaces['Engineering']}/tag/contract%20two`, {
        body: { tag: { name: 'contract two', tag_fg: '#ffffff', tag_bg: '#000000' } },
      }),
    );
  });

  it('comments and checklists', async () => {
    const { api, seed } = run;
    conforms(
      'GET',
      '/v2/task/{task_id}/comment',
      await api.get(`/api/v2/task/${seed.tasks['Refactor Login Component'].id}/comment`),
    );
    const comment = await api.post<{ id: string }>(`/api/v2/task/${state['task']}/comment`, {
      comment_text: 'Looks good',
      assignee: seed.users.david,
      notify_all: false,
    });
    conforms('POST', '/v2/task/{task_id}/comment', comment);
    conforms(
      'POST',
      '/v2/comment/{comment_id}/reply',
      await api.post(`/api/v2/comment/${comment.body.id}/reply`, {
        comment_text: 'Agreed',
        notify_all: false,
      }),
    );
    conforms(
      'GET',
      '/v2/comment/{comment_id}/reply',
      await api.get(`/api/v2/comment/${comment.body.id}/reply`),
    );
    // A list view without filters: the spec's Get View schema allows only its examples' types (list, form) and types
    // filters.fields as strings (the views group's contract test patches that).
    conforms('GET', '/v2/view/{view_id}', await api.get('/api/v2/view/3c-101'));
    conforms(
      'POST',
      '/v2/view/{view_id}/comment',
      await api.post('/api/v2/view/3c-105/comment', { comment_text: 'Standup at 10', notify_all: false }),
    );
    conforms('GET', '/v2/view/{view_id}/comment', await api.get('/api/v2/view/3c-105/comment'));
    conforms(
      'GET',
      '/v2/list/{list_id}/comment',
      await api.get(`/api/v2/list/${seed.lists['Sprint 42']}/comment`),
    );
    const listComment = await api.post<{ id: string }>(`/api/v2/list/${seed.lists['Sprint 42']}/comment`, {
      comment_text: 'List note',
      assignee: seed.users.owner,
      notify_all: false,
    });
    conforms('POST', '/v2/list/{list_id}/comment', listComment);
    conforms(
      'PUT',
      '/v2/comment/{comment_id}',
      await api.put(`/api/v2/comment/${comment.body.id}`, { comment_text: 'Edited', resolved: true }),
    );
    conforms(
      'DELETE',
      '/v2/comment/{comment_id}',
      await api.delete(`/api/v2/comment/${listComment.body.id}`),
    );
    const checklist = await api.post<{ checklist: { id: string } }>(
      `/api/v2/task/${state['task']}/checklist`,
      { name: 'Release' },
    );
    conforms('POST', '/v2/task/{task_id}/checklist', checklist);
    const id = checklist.body.checklist.id;
    conforms(
      'PUT',
      '/v2/checklist/{checklist_id}',
      await api.put(`/api/v2/checklist/${id}`, { name: 'Release 2', position: 0 }),
    );
    const item = await api.post<{ checklist: { items: { id: string }[] } }>(
      `/api/v2/checklist/${id}/checklist_item`,
      { name: 'Tag', assignee: seed.users.owner },
    );
    conforms('POST', '/v2/checklist/{checklist_id}/checklist_item', item);
    const itemId = item.body.checklist.items[0].id;
    conforms(
      'PUT',
      '/v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}',
      await api.put(`/api/v2/checklist/${id}/checklist_item/${itemId}`, { resolved: true, assignee: null }),
    );
    conforms(
      'DELETE',
      '/v2/checklist/{checklist_id}/checklist_item/{checklist_item_id}',
      await api.delete(`/api/v2/checklist/${id}/checklist_item/${itemId}`),
    );
    conforms('DELETE', '/v2/checklist/{checklist_id}', await api.delete(`/api/v2/checklist/${id}`));
  });

  it('goals and key results', async () => {
    const { api, seed } = run;
    conforms(
      'GET',
      '/v2/team/{team_id}/goal',
      await api.get(`/api/v2/team/${seed.acme}/goal`, { query: { include_completed: true } }),
    );
    const goal = await api.post<{ goal: { id: string } }>(`/api/v2/team/${seed.acme}/goal`, {
      name: 'Contract goal',
      due_date: 1767225600000,
      description: 'd',
      multiple_owners: true,
      owners: [seed.users.owner],
      color: '#32a852',
    });
    conforms('POST', '/v2/team/{team_id}/goal', goal);
    const id = goal.body.goal.id;
    const kr = await api.post<{ key_result: { id: string } }>(`/api/v2/goal/${id}/key_result`, {
      name: 'KR',
      owners: [seed.users.owner],
      type: 'number',
      steps_start: 0,
      steps_end: 10,
      unit: 'km',
      task_ids: [],
      list_ids: [],
    });
    conforms('POST', '/v2/goal/{goal_id}/key_result', kr);
    conforms(
      'PUT',
      '/v2/key_result/{key_result_id}',
      await api.put(`/api/v2/key_result/${kr.body.key_result.id}`, { steps_current: 5, note: 'halfway' }),
    );
    conforms('GET', '/v2/goal/{goal_id}', await api.get(`/api/v2/goal/${id}`));
    conforms(
      'PUT',
      '/v2/goal/{goal_id}',
      await api.put(`/api/v2/goal/${id}`, {
        name: 'Contract goal 2',
        add_owners: [seed.users.sarah],
        rem_owners: [],
      }),
    );
    conforms(
      'DELETE',
      '/v2/key_result/{key_result_id}',
      await api.delete(`/api/v2/key_result/${kr.body.key_result.id}`),
    );
    conforms('DELETE', '/v2/goal/{goal_id}', await api.delete(`/api/v2/goal/${id}`));
  });

  it('time entries', async () => {
    const { api, seed } = run;
    conforms(
      'GET',
      '/v2/team/{team_Id}/time_entries',
      await api.get(`/api/v2/team/${seed.acme}/time_entries`, { query: { include_location_names: true } }),
    );
    const created = await api.post<{ data: { id: string } }>(`/api/v2/team/${seed.acme}/time_entries`, {
      description: 'from api',
      tags: [{ name: 'deep work', tag_bg: '#BF55EC', tag_fg: '#BF55EC' }],
      start: Date.now() - 3_600_000,
      billable: true,
      duration: 600_000,
      assignee: seed.users.owner,
      tid: state['task'],
    });
    conforms('POST', '/v2/team/{team_Id}/time_entries', created);
    const id = created.body.data.id;
    conforms(
      'GET',
      '/v2/team/{team_id}/time_entries/{timer_id}',
      await api.get(`/api/v2/team/${seed.acme}/time_entries/${id}`),
    );
    expect(
      (
        await api.put(`/api/v2/team/${seed.acme}/time_entries/${id}`, {
          description: 'edited',
          tags: [{ name: 'x' }],
          tag_action: 'add',
        })
      ).status,
    ).toBe(200);
    checked.add('PUT /v2/team/{team_id}/time_entries/{timer_id}'); // the spec gives no response schema
    conforms(
      'POST',
      '/v2/team/{team_Id}/time_entries/start',
      await api.post(`/api/v2/team/${seed.acme}/time_entries/start`, {
        tid: state['task'],
        description: 'timer',
      }),
    );
    conforms(
      'GET',
      '/v2/team/{team_id}/time_entries/current',
      await api.get(`/api/v2/team/${seed.acme}/time_entries/current`),
    );
    conforms(
      'POST',
      '/v2/team/{team_id}/time_entries/stop',
      await api.post(`/api/v2/team/${seed.acme}/time_entries/stop`),
    );
    conforms(
      'DELETE',
      '/v2/team/{team_id}/time_entries/{timer_id}',
      await api.delete(`/api/v2/team/${seed.acme}/time_entries/${id}`),
    );
  });

  it('OAuth token exchange', async () => {
    const { api, base, seed } = run;
    const form = new URLSearchParams({
      client_id: 'sandbox-client-id',
      redirect_uri: 'http://localhost/cb',
      state: 's',
      user: 'owner',
      workspace: seed.acme,
    });
    const approve = await fetch(`${base}/api`, { method: 'POST', body: form, redirect: 'manual' });
    const code = defined(new URL(defined(approve.headers.get('location'))).searchParams.get('code'));
    conforms(
      'POST',
      '/v2/oauth/token',
      await api.post(
        '/api/v2/oauth/token',
        { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret', code },
        { token: null },
      ),
    );
  });

  it('deletes', async () => {
    const { api } = run;
    conforms('DELETE', '/v2/task/{task_id}', await api.delete(`/api/v2/task/${state['task']}`), 204);
    conforms('DELETE', '/v2/list/{list_id}', await api.delete(`/api/v2/list/${state['folderless']}`));
    conforms('DELETE', '/v2/folder/{folder_id}', await api.delete(`/api/v2/folder/${state['folder']}`));
    conforms('DELETE', '/v2/space/{space_id}', await api.delete(`/api/v2/space/${state['space']}`));
  });
});

describe('contract: v3 Docs answers validate against ClickUp_PUBLIC_API_V3.yaml', () => {
  it('search, get, create, pages', async () => {
    const { api, seed } = run;
    const ws = seed.acme;
    const base = `/api/v3/workspaces/${ws}/docs`;
    const search = await api.get<{ docs: { id: string; name: string }[] }>(base);
    conforms('GET', '/api/v3/workspaces/{workspace_id}/docs', search);
    const docId = defined(search.body.docs.find((d) => d.name === 'API Rate Limiting Guidelines')).id;
    conforms('GET', '/api/v3/workspaces/{workspace_id}/docs/{doc_id}', await api.get(`${base}/${docId}`));
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/docs/{doc_id}/page_listing',
      await api.get(`${base}/${docId}/page_listing`),
    );
    const pages = await api.get<{ id: string }[]>(`${base}/${docId}/pages`, {
      query: { content_format: 'text/md' },
    });
    conforms('GET', '/api/v3/workspaces/{workspace_id}/docs/{doc_id}/pages', pages);
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/docs/{doc_id}/pages/{page_id}',
      await api.get(`${base}/${docId}/pages/${pages.body[0].id}`, {
        query: { content_format: 'text/plain' },
      }),
    );
    const doc = await api.post<{ id: string }>(base, {
      name: 'Contract doc',
      parent: { id: seed.spaces['Engineering'], type: 4 },
      visibility: 'PUBLIC',
      create_page: false,
    });
    conforms('POST', '/api/v3/workspaces/{workspace_id}/docs', doc, 201);
    const page = await api.post<{ id: string }>(`${base}/${doc.body.id}/pages`, {
      name: 'Page',
      sub_title: 'Sub',
      content: '# Hello',
      content_format: 'text/md',
    });
    conforms('POST', '/api/v3/workspaces/{workspace_id}/docs/{doc_id}/pages', page, 201);
    const edit = await api.put(`${base}/${doc.body.id}/pages/${page.body.id}`, {
      content: 'more',
      content_edit_mode: 'append',
      content_format: 'text/md',
    });
    expect(edit.status).toBe(200);
    checked.add('PUT /api/v3/workspaces/{workspace_id}/docs/{doc_id}/pages/{page_id}'); // the spec gives no response schema
  });
});

describe('contract: v3 Chat answers validate against ClickUp_PUBLIC_API_V3.yaml', () => {
  it('channels, messages, replies and reactions', async () => {
    const { api, seed } = run;
    const channels = `/api/v3/workspaces/${seed.acme}/chat/channels`;
    const messages = `/api/v3/workspaces/${seed.acme}/chat/messages`;
    const list = await api.get<{ data: { id: string; name: string }[] }>(channels, { query: { limit: 100 } });
    conforms('GET', '/api/v3/workspaces/{workspace_id}/chat/channels', list);
    const eng = defined(list.body.data.find((c) => c.name === 'Engineering')).id;
    const made = await api.post(channels, { name: 'Contract channel', visibility: 'PUBLIC' });
    conforms('POST', '/api/v3/workspaces/{workspace_id}/chat/channels', made, 201);
    conforms(
      'POST',
      '/api/v3/workspaces/{workspace_id}/chat/channels',
      await api.post(channels, { name: 'Contract channel' }),
    );
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/chat/channels/{channel_id}',
      await api.get(`${channels}/${eng}`),
    );
    const top = await api.get<{ data: { id: string; replies_count: number }[] }>(
      `${channels}/${eng}/messages`,
      {
        query: { content_format: 'text/plain' },
      },
    );
    conforms('GET', '/api/v3/workspaces/{workspace_id}/chat/channels/{channel_id}/messages', top);
    const threaded = defined(top.body.data.find((m) => m.replies_count > 0)).id;
    const sent = await api.post<{ id: string }>(`${channels}/${eng}/messages`, {
      type: 'message',
      content: '**Contract** message',
      content_format: 'text/md',
    });
    conforms('POST', '/api/v3/workspaces/{workspace_id}/chat/channels/{channel_id}/messages', sent, 201);
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/chat/messages/{message_id}/replies',
      await api.get(`${messages}/${threaded}/replies`),
    );
    conforms(
      'POST',
      '/api/v3/workspaces/{workspace_id}/chat/messages/{message_id}/replies',
      await api.post(`${messages}/${sent.body.id}/replies`, { type: 'message', content: 'A reply' }),
      201,
    );
    conforms(
      'POST',
      '/api/v3/workspaces/{workspace_id}/chat/messages/{message_id}/reactions',
      await api.post(`${messages}/${sent.body.id}/reactions`, { reaction: 'rocket' }),
      201,
    );
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/chat/messages/{message_id}/reactions',
      await api.get(`${messages}/${threaded}/reactions`),
    );
  });
});

/** A multipart upload, as the client's transport sends it (Node's FormData). */
async function upload(
  path: string,
  file: { field: string; name: string; type: string; text: string },
  fields = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  form.append(file.field, new Blob([file.text], { type: file.type }), file.name);
  const res = await fetch(new URL(path, run.base), {
    method: 'POST',
    headers: { authorization: 'pk_sandbox_owner' },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as unknown };
}

describe('contract: attachments, views and templates', () => {
  it('attachments (v2 upload, v3 list and upload)', async () => {
    const { api, seed } = run;
    const taskId = seed.tasks['Refactor Login Component'].id;
    conforms(
      'POST',
      '/v2/task/{task_id}/attachment',
      await upload(`/api/v2/task/${taskId}/attachment`, {
        field: 'attachment',
        name: 'notes.md',
        type: 'text/markdown',
        text: '# Notes',
      }),
    );
    // Get Task lists a task's attachments once it has some.
    const withAttachment = await api.get(`/api/v2/task/${taskId}`);
    expect(withAttachment.body).toMatchObject({
      attachments: [expect.objectContaining({ title: 'notes.md' })],
    });
    conforms('GET', '/v2/task/{task_id}', withAttachment);
    const base = `/api/v3/workspaces/${seed.acme}/attachments/${taskId}/attachments`;
    conforms(
      'POST',
      '/api/v3/workspaces/{workspace_id}/{entity_type}/{entity_id}/attachments',
      await upload(
        base,
        { field: 'file', name: 'a.png', type: 'image/png', text: 'PNG' },
        { filename: 'b.png' },
      ),
    );
    conforms(
      'GET',
      '/api/v3/workspaces/{workspace_id}/{entity_type}/{entity_id}/attachments',
      await api.get(base, { query: { limit: 1 } }),
    );
  });

  it('views and their tasks', async () => {
    const { api, seed } = run;
    const listViews = await api.get<{ views: { id: string; name: string }[] }>(
      `/api/v2/list/${seed.lists['Incoming Bugs']}/view`,
    );
    conforms('GET', '/v2/list/{list_id}/view', listViews);
    conforms(
      'GET',
      '/v2/space/{space_id}/view',
      await api.get(`/api/v2/space/${seed.spaces['Engineering']}/view`),
    );
    conforms(
      'GET',
      '/v2/folder/{folder_id}/view',
      await api.get(`/api/v2/folder/${seed.folders['Product Engineering']}/view`),
    );
    conforms('GET', '/v2/team/{team_id}/view', await api.get(`/api/v2/team/${seed.acme}/view`));
    const open = defined(listViews.body.views.find((v) => v.name === 'Open bugs')).id;
    conforms('GET', '/v2/view/{view_id}', await api.get(`/api/v2/view/${open}`));
    conforms(
      'GET',
      '/v2/view/{view_id}/task',
      await api.get(`/api/v2/view/${open}/task`, { query: { page: 0 } }),
    );
  });

  it('templates', async () => {
    const { api, seed } = run;
    const tasks = await api.get<{ templates: { id: string }[] }>(`/api/v2/team/${seed.acme}/taskTemplate`, {
      query: { page: 0 },
    });
    conforms('GET', '/v2/team/{team_id}/taskTemplate', tasks);
    const lists = await api.get<{ templates: { id: string }[] }>(`/api/v2/team/${seed.acme}/list_template`);
    conforms('GET', '/v2/team/{team_id}/list_template', lists);
    conforms(
      'POST',
      '/v2/list/{list_id}/taskTemplate/{template_id}',
      await api.post(
        `/api/v2/list/${seed.lists['Incoming Bugs']}/taskTemplate/${tasks.body.templates[0].id}`,
        {
          name: 'Crash on save',
        },
      ),
    );
    conforms(
      'POST',
      '/v2/folder/{folder_id}/list_template/{template_id}',
      await api.post(
        `/api/v2/folder/${seed.folders['Product Engineering']}/list_template/${lists.body.templates[0].id}`,
        { name: 'Sprint 43', options: { return_immediately: true } },
      ),
    );
    conforms(
      'POST',
      '/v2/space/{space_id}/list_template/{template_id}',
      await api.post(
        `/api/v2/space/${seed.spaces['Engineering']}/list_template/${lists.body.templates[0].id}`,
        {
          name: 'Sprint 44',
        },
      ),
    );
  });
});

describe('contract coverage', () => {
  it('checks every route the sandbox serves (except the consent page and the 2025 pageListing spelling)', () => {
    const toSpec = (path: string) => path.replace(/^\/api\/v2/, '/v2').replace(/:([A-Za-z_]+)/g, '{}');
    const norm = (op: string) => op.replace(/\{[^}]+\}/g, '{}');
    const done = new Set([...checked].map(norm));
    const missing = run.sandbox.routes
      .filter((r) => r.path !== '/api' && !r.path.endsWith('/pageListing'))
      .map((r) => `${r.method} ${toSpec(r.path)}`)
      .filter((op) => !done.has(op));
    expect(missing).toEqual([]);
  });
});
