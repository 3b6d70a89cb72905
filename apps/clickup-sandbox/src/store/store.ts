import { must } from '../util/must';
import type { Principal } from '../auth/principal';
import { Errors } from '../http/api-error';
import { IdGen } from './ids';
import type {
  ChecklistRec,
  CommentRec,
  DependencyRec,
  DocRec,
  FieldRec,
  FolderRec,
  GoalRec,
  KeyResultRec,
  LinkRec,
  ListRec,
  PageRec,
  SpaceRec,
  StatusRec,
  TagRec,
  TaskRec,
  TimeEntryRec,
  UserRec,
  WorkspaceRec,
  ViewRec,
} from './types';

/** The whole sandbox state. Reset replaces the instance, so nothing outlives a reset by accident. */
export class Store {
  readonly ids = new IdGen();
  readonly users = new Map<number, UserRec>();
  readonly usersByKey = new Map<string, UserRec>();
  readonly workspaces = new Map<string, WorkspaceRec>();
  readonly spaces = new Map<string, SpaceRec>();
  readonly spaceTags = new Map<string, TagRec[]>();
  readonly folders = new Map<string, FolderRec>();
  readonly lists = new Map<string, ListRec>();
  readonly tasks = new Map<string, TaskRec>();
  readonly fields = new Map<string, FieldRec>();
  dependencies: DependencyRec[] = [];
  links: LinkRec[] = [];
  readonly comments = new Map<string, CommentRec>();
  readonly checklists = new Map<string, ChecklistRec>();
  readonly goals = new Map<string, GoalRec>();
  readonly keyResults = new Map<string, KeyResultRec>();
  readonly timeEntries = new Map<string, TimeEntryRec>();
  readonly docs = new Map<string, DocRec>();
  readonly pages = new Map<string, PageRec>();
  readonly views = new Map<string, ViewRec>();
  /**
   * Serialized answers of hot reads (Get Task), dropped after every write request. It keeps the
   * benchmark baseline (GET /api/v2/task/{id}) clear of re-serializing an unchanged task.
   */
  readonly jsonCache = new Map<string, string>();
  /** `${workspaceId}:${customId}` → task id */
  readonly customIds = new Map<string, string>();
  /** OAuth: codes are single-use; tokens never expire (API-NOTES §2.2). */
  readonly oauthCodes = new Map<
    string,
    { clientId: string; userId: number; workspaceIds: ReadonlySet<string> }
  >();
  readonly oauthTokens = new Map<
    string,
    { clientId: string; userId: number; workspaceIds: ReadonlySet<string> }
  >();
  /** Where `pk_sandbox_<new name>` users join (Acme). */
  defaultWorkspaceId = '';

  /** `seededAt`: the clock the seed's relative dates hang from; requests use the real time. */
  constructor(readonly seededAt: number) {}

  // ---- visibility: anything outside the caller's grant answers 401 OAUTH_027, found or not (API-NOTES §20.3)

  canSeeWorkspace(p: Principal, workspaceId: string): boolean {
    const ws = this.workspaces.get(workspaceId);
    if (!ws || !ws.members.has(p.user.id)) return false;
    return p.grantedWorkspaceIds === null || p.grantedWorkspaceIds.has(workspaceId);
  }

  visibleWorkspaces(p: Principal): WorkspaceRec[] {
    return [...this.workspaces.values()].filter((w) => this.canSeeWorkspace(p, w.id));
  }

  workspace(p: Principal, id: string): WorkspaceRec {
    const ws = this.workspaces.get(id);
    if (!ws || !this.canSeeWorkspace(p, id)) throw Errors.teamNotAuthorized();
    return ws;
  }

  space(p: Principal, id: string): SpaceRec {
    const s = this.spaces.get(id);
    if (!s || !this.canSeeWorkspace(p, s.workspaceId)) throw Errors.teamNotAuthorized();
    return s;
  }

  folder(p: Principal, id: string): FolderRec {
    const f = this.folders.get(id);
    if (!f || f.hidden) throw Errors.teamNotAuthorized();
    this.space(p, f.spaceId);
    return f;
  }

  list(p: Principal, id: string): ListRec {
    const l = this.lists.get(id);
    if (!l) throw Errors.teamNotAuthorized();
    this.space(p, l.spaceId);
    return l;
  }

  task(p: Principal, id: string): TaskRec {
    const t = this.tasks.get(id);
    if (!t) throw Errors.teamNotAuthorized();
    this.list(p, t.listId);
    return t;
  }

  // ---- navigation

  workspaceOfList(list: ListRec): string {
    return must(this.spaces.get(list.spaceId)).workspaceId;
  }

  workspaceOfTask(task: TaskRec): string {
    return this.workspaceOfList(must(this.lists.get(task.listId)));
  }

  spaceOfTask(task: TaskRec): SpaceRec {
    return must(this.spaces.get(must(this.lists.get(task.listId)).spaceId));
  }

  statusesOfList(list: ListRec): StatusRec[] {
    return must(this.spaces.get(list.spaceId)).statuses;
  }

  statusOfTask(task: TaskRec): StatusRec {
    const statuses = this.statusesOfList(must(this.lists.get(task.listId)));
    return statuses.find((s) => s.status === task.statusName) ?? statuses[0];
  }

  findStatus(list: ListRec, name: string): StatusRec {
    const wanted = name.trim().toLowerCase();
    const found = this.statusesOfList(list).find((s) => s.status.toLowerCase() === wanted);
    if (!found) throw Errors.statusNotFound();
    return found;
  }

  subtasksOf(taskId: string): TaskRec[] {
    return [...this.tasks.values()].filter((t) => t.parentId === taskId);
  }

  topLevelParent(task: TaskRec): string | null {
    let current = task;
    while (current.parentId) {
      const parent = this.tasks.get(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current.id === task.id ? null : current.id;
  }

  /** Fields that apply to a list: its own, its folder's, its space's and its workspace's (API-NOTES §6.1). */
  fieldsOfList(list: ListRec): FieldRec[] {
    const workspaceId = this.workspaceOfList(list);
    return [...this.fields.values()].filter(
      (f) =>
        (f.scope.kind === 'list' && f.scope.id === list.id) ||
        (f.scope.kind === 'folder' && f.scope.id === list.folderId) ||
        (f.scope.kind === 'space' && f.scope.id === list.spaceId) ||
        (f.scope.kind === 'workspace' && f.scope.id === workspaceId),
    );
  }

  membersOf(workspaceId: string): UserRec[] {
    const ws = this.workspaces.get(workspaceId);
    return ws ? [...ws.members.keys()].map((id) => must(this.users.get(id))) : [];
  }

  isMember(workspaceId: string, userId: number): boolean {
    return this.workspaces.get(workspaceId)?.members.has(userId) ?? false;
  }

  // ---- cascading deletes (API-NOTES §3: deleting a Space removes its Folders, Lists and Tasks)

  deleteTask(id: string): void {
    const task = this.tasks.get(id);
    if (!task) return;
    for (const sub of this.subtasksOf(id)) this.deleteTask(sub.id);
    this.tasks.delete(id);
    if (task.customId) this.customIds.delete(`${this.workspaceOfTask(task)}:${task.customId}`);
    this.dependencies = this.dependencies.filter((d) => d.taskId !== id && d.dependsOn !== id);
    this.links = this.links.filter((l) => l.a !== id && l.b !== id);
    for (const [cid, c] of this.comments)
      if (c.parent.kind === 'task' && c.parent.id === id) this.comments.delete(cid);
    for (const [cid, c] of this.checklists) if (c.taskId === id) this.checklists.delete(cid);
  }

  deleteList(id: string): void {
    for (const t of [...this.tasks.values()]) if (t.listId === id) this.deleteTask(t.id);
    for (const t of this.tasks.values()) t.extraListIds = t.extraListIds.filter((l) => l !== id);
    for (const [fid, f] of this.fields)
      if (f.scope.kind === 'list' && f.scope.id === id) this.fields.delete(fid);
    for (const [cid, c] of this.comments)
      if (c.parent.kind === 'list' && c.parent.id === id) this.comments.delete(cid);
    this.lists.delete(id);
  }

  deleteFolder(id: string): void {
    for (const l of [...this.lists.values()]) if (l.folderId === id) this.deleteList(l.id);
    for (const [fid, f] of this.fields)
      if (f.scope.kind === 'folder' && f.scope.id === id) this.fields.delete(fid);
    this.folders.delete(id);
  }

  deleteSpace(id: string): void {
    for (const f of [...this.folders.values()]) if (f.spaceId === id) this.deleteFolder(f.id);
    for (const l of [...this.lists.values()]) if (l.spaceId === id) this.deleteList(l.id);
    for (const [fid, f] of this.fields)
      if (f.scope.kind === 'space' && f.scope.id === id) this.fields.delete(fid);
    this.spaceTags.delete(id);
    this.spaces.delete(id);
  }
}
