import {
  allOperations,
  checkRequest,
  loadSpecs,
  operationName,
  type KnownDeviation,
} from '../../../test/openapi-spec';
import type { ClickUpRequest } from '../request';
import { responseSchemas } from '../schemas/response-schemas';
import { requestBuilders } from './index';
import { oauthRequests } from './oauth.requests';
import { DEFAULT_SPACE_FEATURES } from './spaces.requests';

// Every request builder, checked against ClickUp's own OpenAPI description of the operation: a request the
// spec would reject fails here.

const allBuilders = { ...requestBuilders, oauth: oauthRequests };
type AllBuilders = typeof allBuilders;
type Cases = {
  [G in keyof AllBuilders]: { [K in keyof AllBuilders[G]]: Record<string, () => ClickUpRequest> };
};

/** Where we knowingly depart from the spec's letter; each entry must still be exercised. */
const DEVIATIONS: KnownDeviation[] = [
  {
    operation: 'deleteDependency',
    param: 'depends_on',
    kind: 'required-query-param-omitted',
    reason:
      'The spec marks both depends_on and dependency_of required, but one dependency is one direction: ' +
      'removing "A waits on B" names only B as depends_on (API-NOTES §7).',
  },
  {
    operation: 'deleteDependency',
    param: 'dependency_of',
    kind: 'required-query-param-omitted',
    reason: 'As above, for removing "A blocks B".',
  },
  {
    operation: 'gettimeentrieswithinadaterange',
    param: 'assignee',
    kind: 'comma-separated-list',
    reason:
      'The parameter is typed number, while its own description says "For multiple assignees, separate user_id ' +
      'using commas. Example: assignee=1234,9876"; each id is checked against the number schema.',
  },
  {
    operation: 'updateComment',
    param: 'assignee',
    kind: 'required-body-field-omitted',
    reason:
      'The spec requires an assignee on every comment update, but an unassigned comment has none to send back; ' +
      'sending any user id would assign it, so an unassigned comment is updated without the field.',
  },
  {
    operation: 'createListComment',
    param: 'assignee',
    kind: 'required-body-field-omitted',
    reason:
      'The spec requires an assignee on a new List comment (not on a task comment); a comment nobody is asked ' +
      'to act on has no assignee to send.',
  },
];

const TEAM = '9011234080';
const SPACE = '790';
const FOLDER = '457';
const LIST = '124';
const TASK = '9hz';
const CUSTOM = { customTaskIds: true as const, teamId: TEAM };
const USER = 183;
const CHANNEL = '8cdu3a4-1160';
const MESSAGE = '80150000000123';

const cases: Cases = {
  user: { me: { minimal: () => requestBuilders.user.me() } },
  workspaces: {
    list: { minimal: () => requestBuilders.workspaces.list() },
    customItems: { minimal: () => requestBuilders.workspaces.customItems(TEAM) },
  },
  spaces: {
    list: {
      minimal: () => requestBuilders.spaces.list(TEAM),
      archived: () => requestBuilders.spaces.list(TEAM, { archived: true }),
    },
    get: { minimal: () => requestBuilders.spaces.get(SPACE) },
    create: {
      minimal: () =>
        requestBuilders.spaces.create(TEAM, {
          name: 'Ops',
          multiple_assignees: true,
          features: DEFAULT_SPACE_FEATURES,
        }),
    },
    update: {
      'all fields': () =>
        requestBuilders.spaces.update(SPACE, {
          name: 'Ops',
          color: '#7B68EE',
          private: false,
          admin_can_manage: false,
          multiple_assignees: true,
          features: DEFAULT_SPACE_FEATURES,
        }),
    },
    delete: { minimal: () => requestBuilders.spaces.delete(SPACE) },
  },
  folders: {
    list: {
      minimal: () => requestBuilders.folders.list(SPACE),
      archived: () => requestBuilders.folders.list(SPACE, { archived: false }),
    },
    get: {
      minimal: () => requestBuilders.folders.get(FOLDER),
      subfolders: () => requestBuilders.folders.get(FOLDER, { includeSubfolders: true }),
    },
    create: {
      minimal: () => requestBuilders.folders.create(SPACE, { name: 'Q3' }),
      subfolder: () => requestBuilders.folders.create(SPACE, { name: 'Q3 sub', parent_folder_id: FOLDER }),
    },
    update: { minimal: () => requestBuilders.folders.update(FOLDER, { name: 'Q4' }) },
    delete: { minimal: () => requestBuilders.folders.delete(FOLDER) },
  },
  lists: {
    listInFolder: {
      minimal: () => requestBuilders.lists.listInFolder(FOLDER),
      archived: () => requestBuilders.lists.listInFolder(FOLDER, { archived: true }),
    },
    listFolderless: {
      minimal: () => requestBuilders.lists.listFolderless(SPACE),
      archived: () => requestBuilders.lists.listFolderless(SPACE, { archived: true }),
    },
    get: { minimal: () => requestBuilders.lists.get(LIST) },
    createInFolder: {
      minimal: () => requestBuilders.lists.createInFolder(FOLDER, { name: 'Sprint 43' }),
      'all fields': () =>
        requestBuilders.lists.createInFolder(FOLDER, {
          name: 'Sprint 43',
          content: 'plain',
          markdown_content: '# Sprint',
          due_date: 1767225600000,
          due_date_time: true,
          priority: 2,
          assignee: USER,
          status: 'red',
        }),
    },
    createFolderless: {
      minimal: () => requestBuilders.lists.createFolderless(SPACE, { name: 'Inbox' }),
      'all fields': () =>
        requestBuilders.lists.createFolderless(SPACE, {
          name: 'Inbox',
          content: 'plain',
          markdown_content: '**bold**',
          due_date: 1767225600000,
          due_date_time: false,
          priority: 4,
          assignee: USER,
          status: 'blue',
        }),
    },
    update: {
      minimal: () => requestBuilders.lists.update(LIST, { name: 'Renamed' }),
      'all fields': () =>
        requestBuilders.lists.update(LIST, {
          name: 'Renamed',
          content: 'plain',
          markdown_content: '_md_',
          due_date: 1767225600000,
          due_date_time: true,
          priority: 1,
          assignee: 'none',
          status: 'red',
          unset_status: true,
        }),
    },
    delete: { minimal: () => requestBuilders.lists.delete(LIST) },
  },
  tasks: {
    create: {
      minimal: () => requestBuilders.tasks.create(LIST, { name: 'Fix login' }),
      'all fields': () =>
        requestBuilders.tasks.create(LIST, {
          name: 'Fix login',
          description: 'plain',
          markdown_content: '# md',
          assignees: [USER],
          group_assignees: ['dd01f92f-48ca-446d-88a1-0beb0e8f5f14'],
          tags: ['bug'],
          status: 'in progress',
          priority: 2,
          due_date: 1767225600000,
          due_date_time: true,
          start_date: 1767139200000,
          start_date_time: false,
          time_estimate: 3600000,
          points: 3,
          notify_all: false,
          parent: '9hx',
          links_to: '9hy',
          archived: false,
          check_required_custom_fields: true,
          custom_item_id: 0,
          custom_fields: [
            { id: 'f-text', value: 'text' },
            { id: 'f-number', value: -28 },
            { id: 'f-date', value: 1667367645000, value_options: { time: true } },
            { id: 'f-label', value: ['uuid1', 'uuid2'] },
            { id: 'f-people', value: { add: [USER], rem: [184] } },
            { id: 'f-progress', value: { current: 20 } },
            { id: 'f-location', value: { location: { lat: 1, lng: 2 }, formatted_address: 'Paris' } },
            { id: 'f-cleared', value: null },
          ],
        }),
      'no priority': () =>
        requestBuilders.tasks.create(LIST, { name: 'Later', priority: null, parent: null }),
    },
    get: {
      minimal: () => requestBuilders.tasks.get(TASK),
      'all options': () =>
        requestBuilders.tasks.get('JOSH-917', {
          ...CUSTOM,
          includeSubtasks: true,
          includeMarkdownDescription: true,
        }),
    },
    update: {
      minimal: () => requestBuilders.tasks.update(TASK, { name: 'Renamed' }),
      'all fields': () =>
        requestBuilders.tasks.update(
          'JOSH-917',
          {
            name: 'Renamed',
            description: ' ',
            markdown_content: '# md',
            status: 'complete',
            priority: 3,
            due_date: 1767225600000,
            due_date_time: false,
            start_date: 1767139200000,
            start_date_time: true,
            time_estimate: 8640000,
            points: 5,
            parent: '9hx',
            archived: false,
            custom_item_id: null,
            assignees: { add: [USER] },
            group_assignees: { rem: ['dd01f92f-48ca-446d-88a1-0beb0e8f5f14'] },
            watchers: { add: [USER], rem: [184] },
          },
          CUSTOM,
        ),
    },
    delete: {
      minimal: () => requestBuilders.tasks.delete(TASK),
      'custom id': () => requestBuilders.tasks.delete('JOSH-917', CUSTOM),
    },
    listInList: {
      minimal: () => requestBuilders.tasks.listInList(LIST),
      'all filters': () =>
        requestBuilders.tasks.listInList(LIST, {
          page: 2,
          orderBy: 'due_date',
          reverse: true,
          subtasks: true,
          statuses: ['to do', 'in progress'],
          includeClosed: true,
          includeTiml: true,
          assignees: [USER, '184'],
          watchers: [USER],
          tags: ['bug', 'p1'],
          dueDateGt: 1767139200000,
          dueDateLt: 1767225600000,
          dateCreatedGt: 1760000000000,
          dateCreatedLt: 1770000000000,
          dateUpdatedGt: 1760000000000,
          dateUpdatedLt: 1770000000000,
          dateDoneGt: 1760000000000,
          dateDoneLt: 1770000000000,
          customFields: [{ field_id: 'f-number', operator: '>', value: 5 }],
          customField: { field_id: 'f-text', operator: '=', value: 'x' },
          customItems: [0, 1],
          archived: false,
          includeMarkdownDescription: true,
        }),
    },
    listInTeam: {
      minimal: () => requestBuilders.tasks.listInTeam(TEAM),
      'all filters': () =>
        requestBuilders.tasks.listInTeam(TEAM, {
          page: 0,
          orderBy: 'updated',
          reverse: false,
          subtasks: true,
          spaceIds: [SPACE],
          folderIds: [FOLDER],
          listIds: [LIST, '125'],
          statuses: ['open'],
          includeClosed: false,
          assignees: [USER],
          tags: ['bug'],
          dueDateGt: 1767139200000,
          dueDateLt: 1767225600000,
          dateCreatedGt: 1760000000000,
          dateCreatedLt: 1770000000000,
          dateUpdatedGt: 1760000000000,
          dateUpdatedLt: 1770000000000,
          dateDoneGt: 1760000000000,
          dateDoneLt: 1770000000000,
          customFields: [{ field_id: 'f-number', operator: '=', value: '1234' }],
          parent: '9hx',
          includeMarkdownDescription: true,
          customItems: [1300],
        }),
    },
    setCustomField: {
      text: () => requestBuilders.tasks.setCustomField(TASK, 'f-text', { value: 'hello' }),
      date: () =>
        requestBuilders.tasks.setCustomField(
          'JOSH-917',
          'f-date',
          { value: 1667367645000, value_options: { time: true } },
          CUSTOM,
        ),
      'drop-down': () =>
        requestBuilders.tasks.setCustomField(TASK, 'f-dd', { value: 'f8249998-9c0a-4b1d-a8b7-67a072aca05a' }),
      label: () => requestBuilders.tasks.setCustomField(TASK, 'f-label', { value: ['uuid1', 'uuid2'] }),
      number: () => requestBuilders.tasks.setCustomField(TASK, 'f-number', { value: -28.5 }),
      people: () =>
        requestBuilders.tasks.setCustomField(TASK, 'f-people', { value: { add: [USER], rem: [184] } }),
      relationship: () =>
        requestBuilders.tasks.setCustomField(TASK, 'f-rel', { value: { add: ['9hx'], rem: [] } }),
      progress: () => requestBuilders.tasks.setCustomField(TASK, 'f-progress', { value: { current: 20 } }),
      location: () =>
        requestBuilders.tasks.setCustomField(TASK, 'f-loc', {
          value: { location: { lat: 48.85, lng: 2.35 }, formatted_address: 'Paris' },
        }),
      checkbox: () => requestBuilders.tasks.setCustomField(TASK, 'f-check', { value: true }),
    },
    removeCustomField: {
      minimal: () => requestBuilders.tasks.removeCustomField(TASK, 'f-text'),
      'custom id': () => requestBuilders.tasks.removeCustomField('JOSH-917', 'f-text', CUSTOM),
    },
    addDependency: {
      'depends on': () => requestBuilders.tasks.addDependency(TASK, { dependsOn: '9hx' }),
      'dependency of': () => requestBuilders.tasks.addDependency('JOSH-917', { dependencyOf: '9hx' }, CUSTOM),
    },
    removeDependency: {
      'depends on': () => requestBuilders.tasks.removeDependency(TASK, { dependsOn: '9hx' }),
      'dependency of': () =>
        requestBuilders.tasks.removeDependency('JOSH-917', { dependencyOf: '9hx' }, CUSTOM),
    },
    addTag: {
      minimal: () => requestBuilders.tasks.addTag(TASK, 'needs review'),
      'custom id': () => requestBuilders.tasks.addTag('JOSH-917', 'bug', CUSTOM),
    },
    removeTag: {
      minimal: () => requestBuilders.tasks.removeTag(TASK, 'needs review'),
      'custom id': () => requestBuilders.tasks.removeTag('JOSH-917', 'bug', CUSTOM),
    },
    move: {
      minimal: () => requestBuilders.tasks.move(TEAM, TASK, LIST),
      'status mapping': () =>
        requestBuilders.tasks.move(TEAM, TASK, LIST, {
          status_mappings: [{ source_status_id: 'sc901_abc', destination_status_id: 'sc902_def' }],
        }),
    },
    addToList: { minimal: () => requestBuilders.tasks.addToList(LIST, TASK) },
    removeFromList: { minimal: () => requestBuilders.tasks.removeFromList(LIST, TASK) },
    addLink: {
      minimal: () => requestBuilders.tasks.addLink(TASK, '9hz'),
      'custom id': () => requestBuilders.tasks.addLink('JOSH-917', 'JOSH-918', CUSTOM),
    },
    removeLink: {
      minimal: () => requestBuilders.tasks.removeLink(TASK, '9hz'),
      'custom id': () => requestBuilders.tasks.removeLink('JOSH-917', 'JOSH-918', CUSTOM),
    },
    timeInStatus: {
      minimal: () => requestBuilders.tasks.timeInStatus(TASK),
      'custom id': () => requestBuilders.tasks.timeInStatus('JOSH-917', CUSTOM),
    },
    bulkTimeInStatus: {
      'two tasks': () => requestBuilders.tasks.bulkTimeInStatus([TASK, '9hz']),
      'custom ids': () => requestBuilders.tasks.bulkTimeInStatus(['JOSH-917', 'JOSH-918'], CUSTOM),
    },
  },
  customFields: {
    listForList: {
      minimal: () => requestBuilders.customFields.listForList(LIST),
      'applied objects': () =>
        requestBuilders.customFields.listForList(LIST, { includeAppliedObjects: true }),
    },
  },
  comments: {
    listForTask: {
      minimal: () => requestBuilders.comments.listForTask(TASK),
      'next page': () =>
        requestBuilders.comments.listForTask('JOSH-917', { ...CUSTOM, start: 1568036964079, startId: '458' }),
    },
    createOnTask: {
      minimal: () => requestBuilders.comments.createOnTask(TASK, { comment_text: 'Looks good' }),
      'all fields': () =>
        requestBuilders.comments.createOnTask(
          'JOSH-917',
          {
            comment_text: 'Please check',
            assignee: USER,
            group_assignee: 'dd01f92f-48ca-446d-88a1-0beb0e8f5f14',
            notify_all: true,
          },
          CUSTOM,
        ),
    },
    update: {
      required: () =>
        requestBuilders.comments.update('458', { comment_text: 'Edited', assignee: USER, resolved: true }),
      'all fields': () =>
        requestBuilders.comments.update(458, {
          comment_text: 'Edited',
          assignee: USER,
          resolved: false,
          group_assignee: 12,
        }),
      unassigned: () => requestBuilders.comments.update('458', { comment_text: 'Edited', resolved: false }),
    },
    listForList: {
      minimal: () => requestBuilders.comments.listForList(LIST),
      'next page': () => requestBuilders.comments.listForList(LIST, { start: 1568036964079, startId: '458' }),
    },
    createOnList: {
      unassigned: () => requestBuilders.comments.createOnList(LIST, { comment_text: 'Sprint review moved' }),
      'all fields': () =>
        requestBuilders.comments.createOnList(LIST, {
          comment_text: 'Please check',
          assignee: USER,
          notify_all: true,
        }),
    },
    delete: { minimal: () => requestBuilders.comments.delete('458') },
    listForView: {
      minimal: () => requestBuilders.comments.listForView('3c-105'),
      'next page': () =>
        requestBuilders.comments.listForView('3c-105', { start: 1568036964079, startId: '458' }),
    },
    createOnView: {
      minimal: () => requestBuilders.comments.createOnView('3c-105', { comment_text: 'Standup moved' }),
      'all fields': () =>
        requestBuilders.comments.createOnView('3c-105', { comment_text: 'Standup moved', notify_all: true }),
    },
    listReplies: { minimal: () => requestBuilders.comments.listReplies('458') },
    reply: {
      minimal: () => requestBuilders.comments.reply('458', { comment_text: 'On it' }),
      'all fields': () =>
        requestBuilders.comments.reply(458, { comment_text: 'On it', assignee: USER, notify_all: true }),
    },
  },
  checklists: {
    create: {
      minimal: () => requestBuilders.checklists.create(TASK, { name: 'Release' }),
      'custom id': () => requestBuilders.checklists.create('JOSH-917', { name: 'Release' }, CUSTOM),
    },
    update: {
      minimal: () => requestBuilders.checklists.update('b955c4dc', {}),
      'all fields': () => requestBuilders.checklists.update('b955c4dc', { name: 'Renamed', position: 0 }),
    },
    delete: { minimal: () => requestBuilders.checklists.delete('b955c4dc') },
    createItem: {
      minimal: () => requestBuilders.checklists.createItem('b955c4dc', { name: 'Tag release' }),
      'all fields': () =>
        requestBuilders.checklists.createItem('b955c4dc', { name: 'Tag release', assignee: USER }),
    },
    updateItem: {
      minimal: () => requestBuilders.checklists.updateItem('b955c4dc', '21e08dc8', { resolved: true }),
      'all fields': () =>
        requestBuilders.checklists.updateItem('b955c4dc', '21e08dc8', {
          name: 'Renamed',
          assignee: String(USER),
          resolved: false,
          parent: '21e08dc9',
        }),
      'cleared fields': () =>
        requestBuilders.checklists.updateItem('b955c4dc', '21e08dc8', { assignee: null, parent: null }),
    },
    deleteItem: { minimal: () => requestBuilders.checklists.deleteItem('b955c4dc', '21e08dc8') },
  },
  tags: {
    listForSpace: { minimal: () => requestBuilders.tags.listForSpace(SPACE) },
    create: {
      minimal: () =>
        requestBuilders.tags.create(SPACE, { name: 'needs review', tag_fg: '#ffffff', tag_bg: '#7b68ee' }),
    },
    update: {
      minimal: () =>
        requestBuilders.tags.update(SPACE, 'needs review', {
          name: 'in review',
          fg_color: '#000000',
          bg_color: '#e50000',
        }),
    },
    delete: {
      minimal: () =>
        requestBuilders.tags.delete(SPACE, { name: 'needs review', tag_fg: '#ffffff', tag_bg: '#7b68ee' }),
    },
  },
  goals: {
    list: {
      minimal: () => requestBuilders.goals.list(TEAM),
      completed: () => requestBuilders.goals.list(TEAM, { includeCompleted: true }),
    },
    get: { minimal: () => requestBuilders.goals.get('e53a033c') },
    create: {
      required: () =>
        requestBuilders.goals.create(TEAM, {
          name: 'Reduce churn',
          due_date: 1767225600000,
          description: 'Below 3%',
          multiple_owners: true,
          owners: [USER],
          color: '#32a852',
        }),
    },
    update: {
      required: () =>
        requestBuilders.goals.update('e53a033c', {
          name: 'Reduce churn',
          due_date: 1767225600000,
          description: 'Below 2%',
          color: '#32a852',
        }),
      'owner changes': () =>
        requestBuilders.goals.update('e53a033c', {
          name: 'Reduce churn',
          due_date: 1767225600000,
          description: 'Below 2%',
          color: '#32a852',
          add_owners: [184],
          rem_owners: [USER],
        }),
    },
    delete: { minimal: () => requestBuilders.goals.delete('e53a033c') },
    createKeyResult: {
      minimal: () =>
        requestBuilders.goals.createKeyResult('e53a033c', {
          name: 'NPS',
          type: 'number',
          steps_start: 0,
          steps_end: 10,
        }),
      'all fields': () =>
        requestBuilders.goals.createKeyResult('e53a033c', {
          name: 'Ship tasks',
          type: 'automatic',
          steps_start: 0,
          steps_end: 100,
          unit: '%',
          owners: [USER],
          task_ids: [TASK],
          list_ids: [LIST],
        }),
    },
    updateKeyResult: {
      minimal: () => requestBuilders.goals.updateKeyResult('947d46ed', { steps_current: 5 }),
      'with note': () =>
        requestBuilders.goals.updateKeyResult('947d46ed', { steps_current: 7, note: 'Target met' }),
    },
    deleteKeyResult: { minimal: () => requestBuilders.goals.deleteKeyResult('947d46ed') },
  },
  timeEntries: {
    list: {
      minimal: () => requestBuilders.timeEntries.list(TEAM),
      'all filters': () =>
        requestBuilders.timeEntries.list(TEAM, {
          startDate: 1767139200000,
          endDate: 1767225600000,
          assignee: USER,
          includeTaskTags: true,
          includeLocationNames: true,
          includeApprovalHistory: true,
          includeApprovalDetails: true,
          taskId: 'JOSH-917',
          customTaskIds: true,
          isBillable: true,
        }),
      'several assignees in a List': () =>
        requestBuilders.timeEntries.list(TEAM, { assignee: [USER, 184], listId: LIST }),
      'in a Space': () => requestBuilders.timeEntries.list(TEAM, { spaceId: SPACE }),
      'in a Folder': () => requestBuilders.timeEntries.list(TEAM, { folderId: FOLDER }),
    },
    get: {
      minimal: () => requestBuilders.timeEntries.get(TEAM, '1963465985517105840'),
      'all options': () =>
        requestBuilders.timeEntries.get(TEAM, '1963465985517105840', {
          includeTaskTags: true,
          includeLocationNames: true,
          includeApprovalHistory: true,
          includeApprovalDetails: true,
        }),
    },
    create: {
      'with duration': () =>
        requestBuilders.timeEntries.create(TEAM, { start: 1767139200000, duration: 3600000 }),
      'with end': () =>
        requestBuilders.timeEntries.create(TEAM, { start: 1767139200000, end: 1767142800000 }),
      'all fields': () =>
        requestBuilders.timeEntries.create(
          TEAM,
          {
            start: 1767139200000,
            end: 1767142800000,
            duration: 3600000,
            description: 'Review',
            tags: [{ name: 'meeting', tag_fg: '#FFFFFF', tag_bg: '#BF55EC' }],
            billable: true,
            assignee: USER,
            tid: 'JOSH-917',
          },
          { customTaskIds: true },
        ),
    },
    update: {
      minimal: () =>
        requestBuilders.timeEntries.update(TEAM, '1963465985517105840', { description: 'Edited' }),
      'all fields': () =>
        requestBuilders.timeEntries.update(
          TEAM,
          '1963465985517105840',
          {
            description: 'Edited',
            tags: [{ name: 'meeting', tag_fg: '#FFFFFF', tag_bg: '#BF55EC' }],
            tag_action: 'replace',
            start: 1767139200000,
            end: 1767142800000,
            duration: 3600000,
            tid: 'JOSH-917',
            billable: false,
          },
          { customTaskIds: true },
        ),
    },
    delete: { minimal: () => requestBuilders.timeEntries.delete(TEAM, '1963465985517105840') },
    current: {
      minimal: () => requestBuilders.timeEntries.current(TEAM),
      assignee: () => requestBuilders.timeEntries.current(TEAM, { assignee: USER }),
    },
    start: {
      minimal: () => requestBuilders.timeEntries.start(TEAM),
      'all fields': () =>
        requestBuilders.timeEntries.start(
          TEAM,
          { tid: 'JOSH-917', description: 'Focus', billable: true, tags: [{ name: 'deep work' }] },
          { customTaskIds: true },
        ),
    },
    stop: { minimal: () => requestBuilders.timeEntries.stop(TEAM) },
  },
  attachments: {
    listForTask: {
      minimal: () => requestBuilders.attachments.listForTask(TEAM, TASK),
      paged: () => requestBuilders.attachments.listForTask(TEAM, TASK, { cursor: 'eyJuIjo1MH0', limit: 100 }),
    },
    uploadToTask: {
      minimal: () =>
        requestBuilders.attachments.uploadToTask(TASK, {
          file_name: 'notes.md',
          mime_type: 'text/markdown',
          content_base64: Buffer.from('# Notes').toString('base64'),
        }),
      'custom task id': () =>
        requestBuilders.attachments.uploadToTask(
          'ENG-14',
          { file_name: 'a.png', mime_type: 'image/png', content_base64: 'iVBORw0KGgo=' },
          CUSTOM,
        ),
    },
  },
  views: {
    listForWorkspace: { minimal: () => requestBuilders.views.listForWorkspace(TEAM) },
    listForSpace: { minimal: () => requestBuilders.views.listForSpace(SPACE) },
    listForFolder: { minimal: () => requestBuilders.views.listForFolder(FOLDER) },
    listForList: { minimal: () => requestBuilders.views.listForList(LIST) },
    get: { minimal: () => requestBuilders.views.get('3c-105') },
    tasks: {
      minimal: () => requestBuilders.views.tasks('3c-105'),
      'later page': () => requestBuilders.views.tasks('3c-105', 2),
    },
  },
  templates: {
    listTaskTemplates: { minimal: () => requestBuilders.templates.listTaskTemplates(TEAM) },
    listListTemplates: { minimal: () => requestBuilders.templates.listListTemplates(TEAM) },
    createTask: {
      minimal: () => requestBuilders.templates.createTask(LIST, 't-15363293', { name: 'Crash on save' }),
    },
    createListInFolder: {
      minimal: () =>
        requestBuilders.templates.createListInFolder(FOLDER, 't-15363293', { name: 'Sprint 43' }),
      options: () =>
        requestBuilders.templates.createListInFolder(FOLDER, 't-15363293', {
          name: 'Sprint 43',
          options: { return_immediately: true, content: 'Two weeks' },
        }),
    },
    createListInSpace: {
      minimal: () => requestBuilders.templates.createListInSpace(SPACE, 't-15363293', { name: 'Sprint 43' }),
    },
  },
  docs: {
    search: {
      minimal: () => requestBuilders.docs.search(TEAM),
      'all filters': () =>
        requestBuilders.docs.search(TEAM, {
          id: '8cht190-831',
          creator: USER,
          deleted: false,
          archived: false,
          parentId: SPACE,
          parentType: 'SPACE',
          limit: 100,
          cursor: 'eyJuZXh0Ijo1MH0=',
        }),
      'numeric parent type': () =>
        requestBuilders.docs.search(TEAM, { parentId: LIST, parentType: '6', limit: 10 }),
    },
    get: { minimal: () => requestBuilders.docs.get(TEAM, '8cht190-831') },
    create: {
      minimal: () => requestBuilders.docs.create(TEAM, {}),
      'all fields': () =>
        requestBuilders.docs.create(TEAM, {
          name: 'Rate limits',
          parent: { id: SPACE, type: 4 },
          visibility: 'PRIVATE',
          create_page: false,
        }),
    },
    pageListing: {
      minimal: () => requestBuilders.docs.pageListing(TEAM, '8cht190-831'),
      depth: () => requestBuilders.docs.pageListing(TEAM, '8cht190-831', { maxPageDepth: -1 }),
    },
    pages: {
      minimal: () => requestBuilders.docs.pages(TEAM, '8cht190-831'),
      'all options': () =>
        requestBuilders.docs.pages(TEAM, '8cht190-831', { maxPageDepth: 2, contentFormat: 'text/plain' }),
    },
    getPage: {
      minimal: () => requestBuilders.docs.getPage(TEAM, '8cht190-831', '8cht190-271'),
      markdown: () =>
        requestBuilders.docs.getPage(TEAM, '8cht190-831', '8cht190-271', { contentFormat: 'text/md' }),
    },
    createPage: {
      minimal: () => requestBuilders.docs.createPage(TEAM, '8cht190-831', {}),
      'all fields': () =>
        requestBuilders.docs.createPage(TEAM, '8cht190-831', {
          parent_page_id: '8cht190-271',
          name: 'Limits',
          sub_title: 'Per token',
          content: '# 100 per minute',
          content_format: 'text/md',
        }),
    },
    editPage: {
      minimal: () => requestBuilders.docs.editPage(TEAM, '8cht190-831', '8cht190-271', { content: 'more' }),
      'all fields': () =>
        requestBuilders.docs.editPage(TEAM, '8cht190-831', '8cht190-271', {
          name: 'Limits',
          sub_title: 'Per token',
          content: 'Appendix',
          content_edit_mode: 'append',
          content_format: 'text/plain',
        }),
    },
  },
  members: {
    listForTask: { minimal: () => requestBuilders.members.listForTask(TASK) },
    listForList: { minimal: () => requestBuilders.members.listForList(LIST) },
  },
  chat: {
    listChannels: {
      minimal: () => requestBuilders.chat.listChannels(TEAM),
      paged: () => requestBuilders.chat.listChannels(TEAM, { cursor: 'c1', limit: 100, includeClosed: true }),
    },
    getChannel: { minimal: () => requestBuilders.chat.getChannel(TEAM, CHANNEL) },
    listMessages: {
      minimal: () => requestBuilders.chat.listMessages(TEAM, CHANNEL),
      paged: () =>
        requestBuilders.chat.listMessages(TEAM, CHANNEL, {
          cursor: 'c1',
          limit: 1,
          contentFormat: 'text/plain',
        }),
    },
    sendMessage: {
      minimal: () => requestBuilders.chat.sendMessage(TEAM, CHANNEL, { type: 'message', content: 'Hi' }),
      markdown: () =>
        requestBuilders.chat.sendMessage(TEAM, CHANNEL, {
          type: 'message',
          content: '**Done**: 3 bugs moved',
          content_format: 'text/md',
        }),
    },
    listReplies: {
      minimal: () => requestBuilders.chat.listReplies(TEAM, MESSAGE),
      paged: () =>
        requestBuilders.chat.listReplies(TEAM, MESSAGE, { cursor: 'c1', limit: 3, contentFormat: 'text/md' }),
    },
    sendReply: {
      minimal: () => requestBuilders.chat.sendReply(TEAM, MESSAGE, { type: 'message', content: 'Thanks' }),
      plain: () =>
        requestBuilders.chat.sendReply(TEAM, MESSAGE, {
          type: 'message',
          content: 'Thanks',
          content_format: 'text/plain',
        }),
    },
    listReactions: {
      minimal: () => requestBuilders.chat.listReactions(TEAM, MESSAGE),
      paged: () => requestBuilders.chat.listReactions(TEAM, MESSAGE, { cursor: 'c1', limit: 10 }),
    },
    addReaction: { minimal: () => requestBuilders.chat.addReaction(TEAM, MESSAGE, 'thumbsup') },
  },
  oauth: {
    token: {
      minimal: () => oauthRequests.token({ clientId: 'client', clientSecret: 'secret', code: 'code-1' }),
    },
  },
};

type Row = { group: string; builder: string; variant: string; build: () => ClickUpRequest };
const rows: Row[] = Object.entries(cases).flatMap(([group, builders]) =>
  Object.entries(builders as Record<string, Record<string, () => ClickUpRequest>>).flatMap(
    ([builder, variants]) =>
      Object.entries(variants).map(([variant, build]) => ({ group, builder, variant, build })),
  ),
);

const usedDeviations = new Set<KnownDeviation>();

describe('every request builder produces a request that ClickUp’s OpenAPI spec accepts', () => {
  it.each(rows.map((r) => [`${r.group}.${r.builder} (${r.variant})`, r] as const))('%s', (_name, row) => {
    const request = row.build();
    const result = checkRequest(request, undefined, DEVIATIONS);
    result.usedDeviations.forEach((d) => usedDeviations.add(d));
    expect(result.problems).toEqual([]);
    // A request survives the round trip through a job payload unchanged.
    expect(JSON.parse(JSON.stringify(request))).toEqual(request);
  });

  it('relies on each documented deviation from the spec, and on no other', () => {
    expect([...usedDeviations].map((d) => `${d.operation}:${d.param}`).sort()).toEqual(
      DEVIATIONS.map((d) => `${d.operation}:${d.param}`).sort(),
    );
  });
});

describe('coverage of the conformance suite', () => {
  it('has at least one case for every builder that exists', () => {
    const missing: string[] = [];
    for (const [group, builders] of Object.entries(allBuilders)) {
      for (const name of Object.keys(builders)) {
        const variants = (cases as Record<string, Record<string, Record<string, unknown>> | undefined>)[
          group
        ]?.[name];
        if (!variants || Object.keys(variants).length === 0) missing.push(`${group}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers every operation that has a response schema, and names each after a spec operationId', () => {
    const { v2, v3 } = loadSpecs();
    const specNames = new Set(
      [...allOperations(v2), ...allOperations(v3)].map((op) => operationName(op.operationId)),
    );
    const built = new Set(rows.map((r) => r.build().operation));
    const operations = Object.keys(responseSchemas);
    expect(operations.filter((op) => !specNames.has(op))).toEqual([]);
    expect(operations.filter((op) => !built.has(op as ClickUpRequest['operation']))).toEqual([]);
  });
});

describe('the conformance check itself rejects what the spec rejects', () => {
  const base = () => requestBuilders.tasks.listInTeam(TEAM, { statuses: ['open'] });

  it('an undeclared query parameter', () => {
    const request = { ...base(), query: { ...base().query, colour: 'red' } };
    expect(checkRequest(request).problems).toEqual([expect.stringContaining('colour is not declared')]);
  });

  it('an array parameter sent without its [] form', () => {
    const request = { ...base(), query: { statuses: 'open' } };
    expect(checkRequest(request).problems).toEqual([expect.stringContaining('must be sent as statuses[]')]);
  });

  it('a body missing a required field', () => {
    const request: ClickUpRequest = {
      ...requestBuilders.goals.get('g'),
      operation: 'createKeyResult',
      method: 'POST',
      path: '/goal/g/key_result',
      body: { name: 'x' },
    };
    expect(checkRequest(request).problems.join()).toContain("must have required property 'type'");
  });

  it('a wrong value type in a body and a non-numeric id where the spec wants a number', () => {
    const request = { ...requestBuilders.tasks.update(TASK, { priority: 2 }), body: { priority: 'high' } };
    expect(checkRequest(request).problems.join()).toContain('/priority must be integer');
    expect(checkRequest(requestBuilders.spaces.get('not-a-number')).problems.join()).toContain('space_id');
  });

  it('a path the spec does not have, or an operation name that does not match', () => {
    expect(checkRequest({ ...base(), path: '/teams/1/tasks' }).problems.join()).toContain('no GET');
    expect(checkRequest({ ...base(), operation: 'getTasks' }).problems.join()).toContain(
      'GetFilteredTeamTasks',
    );
  });

  it('a multipart part the operation does not declare, and a JSON body where the spec wants multipart', () => {
    const upload = requestBuilders.attachments.uploadToTask(TASK, {
      file_name: 'a.txt',
      mime_type: 'text/plain',
      content_base64: 'eA==',
    });
    const renamed = {
      ...upload,
      form: { fields: {}, files: [{ ...(upload.form?.files[0] ?? { field: '' }), field: 'file' }] },
    } as ClickUpRequest;
    expect(checkRequest(renamed).problems).toEqual(['multipart part file is not declared']);
    const json = { ...upload, form: undefined, body: { attachment: 'eA==' } };
    expect(checkRequest(json).problems.join()).toContain('does not take a JSON body');
  });

  it('a required query parameter left out without a documented reason', () => {
    const result = checkRequest(requestBuilders.tasks.removeDependency(TASK, { dependsOn: '9hx' }));
    expect(result.problems).toEqual([
      expect.stringContaining('required query parameter dependency_of is missing'),
    ]);
  });
});
