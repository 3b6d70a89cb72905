import { must } from '../util/must';
import type { Store } from './store';
import type {
  FieldOption,
  FieldRec,
  FieldScope,
  FolderRec,
  ListRec,
  SpaceRec,
  StatusRec,
  StatusType,
  TaskRec,
} from './types';

/** Builders shared by the seed and the create routes. They trust their input: routes validate first. */

export const DEFAULT_STATUSES: { status: string; type: StatusType; color: string }[] = [
  { status: 'to do', type: 'open', color: '#d3d3d3' },
  { status: 'in progress', type: 'custom', color: '#4194f6' },
  { status: 'blocked', type: 'custom', color: '#e50000' },
  { status: 'review', type: 'custom', color: '#a875ff' },
  { status: 'complete', type: 'closed', color: '#6bc950' },
];

export function defaultFeatures(): Record<string, Record<string, boolean>> {
  return {
    due_dates: { enabled: true, start_date: true, remap_due_dates: true, remap_closed_due_date: false },
    time_tracking: { enabled: true },
    tags: { enabled: true },
    time_estimates: { enabled: true },
    checklists: { enabled: true },
    custom_fields: { enabled: true },
    remap_dependencies: { enabled: true },
    dependency_warning: { enabled: true },
    portfolios: { enabled: true },
    sprints: { enabled: false },
    points: { enabled: true },
    custom_items: { enabled: false },
    zoom: { enabled: false },
    milestones: { enabled: false },
    emails: { enabled: true },
    multiple_assignees: { enabled: true },
  };
}

export function createSpace(
  store: Store,
  workspaceId: string,
  name: string,
  options: {
    customIdPrefix?: string | null;
    color?: string | null;
    multipleAssignees?: boolean;
    private?: boolean;
    statuses?: typeof DEFAULT_STATUSES;
  } = {},
): SpaceRec {
  const id = store.ids.space();
  const statuses: StatusRec[] = (options.statuses ?? DEFAULT_STATUSES).map((s, i) => ({
    id: store.ids.status(id),
    orderindex: i,
    ...s,
  }));
  const space: SpaceRec = {
    id,
    workspaceId,
    name,
    color: options.color ?? null,
    private: options.private ?? false,
    avatar: `https://attachments-public.clickup.com/space_avatars/${id}.png`,
    adminCanManage: true,
    archived: false,
    multipleAssignees: options.multipleAssignees ?? true,
    statuses,
    features: defaultFeatures(),
    hiddenFolderId: store.ids.folder(),
    customIdPrefix: options.customIdPrefix ?? null,
    nextCustomNumber: 1,
    orderindex: [...store.spaces.values()].filter((s) => s.workspaceId === workspaceId).length,
  };
  store.spaces.set(id, space);
  store.spaceTags.set(id, []);
  return space;
}

export function createFolder(store: Store, spaceId: string, name: string): FolderRec {
  const folder: FolderRec = {
    id: store.ids.folder(),
    spaceId,
    name,
    orderindex: [...store.folders.values()].filter((f) => f.spaceId === spaceId).length,
    hidden: false,
    archived: false,
    overrideStatuses: false,
  };
  store.folders.set(folder.id, folder);
  return folder;
}

export function createList(
  store: Store,
  spaceId: string,
  folderId: string | null,
  name: string,
  extra: Partial<Omit<ListRec, 'id' | 'spaceId' | 'folderId' | 'name'>> = {},
): ListRec {
  const list: ListRec = {
    id: store.ids.list(),
    spaceId,
    folderId,
    name,
    orderindex: [...store.lists.values()].filter((l) => l.spaceId === spaceId && l.folderId === folderId)
      .length,
    content: '',
    color: null,
    priority: null,
    assigneeId: null,
    dueDate: null,
    dueDateTime: false,
    startDate: null,
    startDateTime: false,
    archived: false,
    ...extra,
  };
  store.lists.set(list.id, list);
  return list;
}

export type NewTask = Partial<
  Omit<TaskRec, 'id' | 'listId' | 'name' | 'customId' | 'fieldValues' | 'statusHistory'>
> & {
  fieldValues?: Map<string, unknown>;
};

export function createTask(
  store: Store,
  listId: string,
  name: string,
  creatorId: number,
  now: number,
  t: NewTask = {},
): TaskRec {
  const list = must(store.lists.get(listId));
  const space = must(store.spaces.get(list.spaceId));
  const statusName = t.statusName ?? space.statuses[0].status;
  const closed = space.statuses.find((s) => s.status === statusName)?.type === 'closed';
  let customId: string | null = null;
  if (space.customIdPrefix) customId = `${space.customIdPrefix}-${space.nextCustomNumber++}`;
  const task: TaskRec = {
    id: store.ids.task(),
    customId,
    customItemId: 0,
    name,
    markdown: '',
    statusName,
    orderindex: [...store.tasks.values()].filter((x) => x.listId === listId).length + 1,
    dateCreated: now,
    dateUpdated: now,
    dateClosed: closed ? now : null,
    dateDone: closed ? now : null,
    archived: false,
    creatorId,
    assigneeIds: [],
    watcherIds: [creatorId],
    tagNames: [],
    parentId: null,
    priority: null,
    dueDate: null,
    dueDateTime: false,
    startDate: null,
    startDateTime: false,
    points: null,
    timeEstimate: null,
    extraListIds: [],
    ...t,
    listId,
    statusHistory: [],
    fieldValues: t.fieldValues ?? new Map(),
  };
  store.recordStatus(task, task.dateCreated);
  store.tasks.set(task.id, task);
  if (customId) store.customIds.set(`${space.workspaceId}:${customId}`, task.id);
  return task;
}

export function createField(
  store: Store,
  scope: FieldScope,
  name: string,
  type: string,
  now: number,
  options: {
    options?: Omit<FieldOption, 'id' | 'orderindex'>[];
    typeConfig?: Record<string, unknown>;
    required?: boolean;
  } = {},
): FieldRec {
  const field: FieldRec = {
    id: store.ids.uuid('field'),
    name,
    type,
    typeConfig: options.typeConfig ?? {},
    options: (options.options ?? []).map((o, i) => ({
      ...o,
      id: store.ids.uuid('field-option'),
      orderindex: i,
    })),
    dateCreated: now,
    hideFromGuests: false,
    required: options.required ?? false,
    scope,
  };
  store.fields.set(field.id, field);
  return field;
}
