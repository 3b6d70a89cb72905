import { must } from '../util/must';
import type { Store } from '../store/store';
import type { FolderRec, ListRec, SpaceRec, StatusRec, WorkspaceRec } from '../store/types';
import { PRIORITIES } from './priority';
import { teamMember, userRef } from './users';

const str = (n: number | null): string | null => (n === null ? null : String(n));

const LIST_COLORS: Record<string, string> = {
  red: '#e50000',
  orange: '#ff7800',
  yellow: '#ffc800',
  green: '#2ecd6f',
  blue: '#1090e0',
  purple: '#7b68ee',
};

export function team(store: Store, ws: WorkspaceRec) {
  return {
    id: ws.id,
    name: ws.name,
    color: ws.color,
    avatar: ws.avatar,
    members: [...ws.members].map(([id, role]) => teamMember(must(store.users.get(id)), role)),
  };
}

export function status(s: StatusRec) {
  return { id: s.id, status: s.status, type: s.type, orderindex: s.orderindex, color: s.color };
}

export function space(store: Store, s: SpaceRec) {
  const ws = must(store.workspaces.get(s.workspaceId));
  return {
    id: s.id,
    name: s.name,
    private: s.private,
    color: s.color,
    avatar: s.avatar,
    admin_can_manage: s.adminCanManage,
    archived: s.archived,
    members: [...ws.members.keys()].map((id) => ({ user: userRef(must(store.users.get(id))) })),
    statuses: s.statuses.map(status),
    multiple_assignees: s.multipleAssignees,
    features: s.features,
  };
}

function taskCount(store: Store, listIds: Set<string>): string {
  let n = 0;
  for (const t of store.tasks.values()) if (listIds.has(t.listId) && !t.archived) n++;
  return String(n);
}

export function folder(store: Store, f: FolderRec) {
  const s = must(store.spaces.get(f.spaceId));
  const lists = [...store.lists.values()].filter((l) => l.folderId === f.id && !l.archived);
  return {
    id: f.id,
    name: f.name,
    orderindex: f.orderindex,
    override_statuses: f.overrideStatuses,
    hidden: f.hidden,
    space: { id: s.id, name: s.name, access: true },
    task_count: taskCount(store, new Set(lists.map((l) => l.id))),
    archived: f.archived,
    statuses: s.statuses.map(status),
    lists: lists.map((l) => list(store, l)),
    permission_level: 'create',
  };
}

/** A list's folder, or for folderless lists the `hidden` placeholder (API-NOTES §3). */
export function folderRef(store: Store, l: ListRec) {
  if (l.folderId) {
    const f = must(store.folders.get(l.folderId));
    return { id: f.id, name: f.name, hidden: false, access: true };
  }
  return { id: must(store.spaces.get(l.spaceId)).hiddenFolderId, name: 'hidden', hidden: true, access: true };
}

export function list(store: Store, l: ListRec) {
  const s = must(store.spaces.get(l.spaceId));
  const assignee = l.assigneeId === null ? null : store.users.get(l.assigneeId);
  const priority = l.priority === null ? null : PRIORITIES[l.priority];
  return {
    id: l.id,
    name: l.name,
    orderindex: l.orderindex,
    content: l.content,
    status: l.color ? { status: l.color, color: LIST_COLORS[l.color] ?? '#d3d3d3', hide_label: false } : null,
    priority: priority ? { priority: priority.priority, color: priority.color } : null,
    assignee: assignee ? userRef(assignee) : null,
    task_count: taskCount(store, new Set([l.id])),
    due_date: str(l.dueDate),
    due_date_time: l.dueDateTime,
    start_date: str(l.startDate),
    start_date_time: l.startDate === null ? null : l.startDateTime,
    folder: folderRef(store, l),
    space: { id: s.id, name: s.name, access: true },
    inbound_address: `a.t.${l.id}.sandbox@tasks.clickup.com`,
    archived: l.archived,
    override_statuses: false,
    statuses: s.statuses.map(status),
    permission_level: 'create',
  };
}

export function listColor(name: string): boolean {
  return name in LIST_COLORS;
}
