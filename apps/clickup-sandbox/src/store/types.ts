/** In-memory records. They hold facts only; the API shapes live in src/serialize. */

export interface UserRec {
  id: number;
  key: string; // the `<name>` of pk_sandbox_<name>
  username: string;
  email: string;
  color: string;
  initials: string;
  profilePicture: string | null;
  timezone: string;
  weekStartDay: number;
}

export type Role = 1 | 2 | 3 | 4; // owner, admin, member, guest

export interface WorkspaceRec {
  id: string;
  name: string;
  color: string;
  avatar: string | null;
  members: Map<number, Role>;
}

export type StatusType = 'open' | 'custom' | 'closed';

export interface StatusRec {
  id: string;
  status: string;
  type: StatusType;
  color: string;
  orderindex: number;
}

/** A status a task entered and when; the status as it was then, since a move can leave it behind. */
export interface StatusEntry {
  status: string;
  type: StatusType;
  color: string;
  orderindex: number;
  at: number;
}

export interface SpaceRec {
  id: string;
  workspaceId: string;
  name: string;
  color: string | null;
  private: boolean;
  avatar: string | null;
  adminCanManage: boolean;
  archived: boolean;
  multipleAssignees: boolean;
  statuses: StatusRec[];
  features: Record<string, Record<string, boolean>>;
  /** The `hidden` folder placeholder that folderless lists report (API-NOTES §3). */
  hiddenFolderId: string;
  customIdPrefix: string | null;
  nextCustomNumber: number;
  orderindex: number;
}

/** A task type of a Workspace (`custom_item_id`); 0 (Task) and 1 (Milestone) are built in and not stored. */
export interface CustomItemRec {
  id: number;
  name: string;
  namePlural: string;
  description: string;
}

export interface TagRec {
  name: string;
  fg: string;
  bg: string;
  creator: number;
}

export interface FolderRec {
  id: string;
  spaceId: string;
  name: string;
  orderindex: number;
  hidden: boolean;
  archived: boolean;
  overrideStatuses: boolean;
}

export interface ListRec {
  id: string;
  spaceId: string;
  folderId: string | null;
  name: string;
  orderindex: number;
  content: string;
  color: string | null; // the List "status" (a colour name)
  priority: number | null;
  assigneeId: number | null;
  dueDate: number | null;
  dueDateTime: boolean;
  startDate: number | null;
  startDateTime: boolean;
  archived: boolean;
}

export interface DependencyRec {
  taskId: string; // waits on dependsOn
  dependsOn: string;
  dateCreated: number;
  userId: number;
}

export interface LinkRec {
  a: string;
  b: string;
  linkId: string;
  dateCreated: number;
  userId: number;
}

export interface TaskRec {
  id: string;
  customId: string | null;
  customItemId: number;
  name: string;
  markdown: string;
  statusName: string;
  orderindex: number;
  dateCreated: number;
  dateUpdated: number;
  dateClosed: number | null;
  dateDone: number | null;
  archived: boolean;
  creatorId: number;
  assigneeIds: number[];
  watcherIds: number[];
  tagNames: string[];
  parentId: string | null;
  priority: number | null;
  dueDate: number | null;
  dueDateTime: boolean;
  startDate: number | null;
  startDateTime: boolean;
  points: number | null;
  timeEstimate: number | null;
  listId: string;
  extraListIds: string[];
  /** Each status the task entered, oldest first: what Time in Status adds up (API-NOTES §5.1). */
  statusHistory: StatusEntry[];
  /** Field id → stored value in its write form (drop_down: option id). */
  fieldValues: Map<string, unknown>;
}

export type FieldScope = { kind: 'list' | 'folder' | 'space' | 'workspace'; id: string };

export interface FieldOption {
  id: string;
  name: string;
  color: string | null;
  orderindex: number;
}

export interface FieldRec {
  id: string;
  name: string;
  type: string;
  typeConfig: Record<string, unknown>;
  options: FieldOption[];
  dateCreated: number;
  hideFromGuests: boolean;
  required: boolean;
  scope: FieldScope;
}

export interface CommentRec {
  id: string;
  histId: string;
  /** A chat view's comments hang on the view (v2 Chat View Comments). */
  parent: { kind: 'task' | 'list' | 'view'; id: string };
  text: string;
  userId: number;
  resolved: boolean;
  assigneeId: number | null;
  assignedById: number | null;
  date: number;
  /** The comment this one replies to (in its thread), or null for a top-level comment. */
  replyTo: string | null;
}

export interface ChecklistItemRec {
  id: string;
  name: string;
  orderindex: number;
  assigneeId: number | null;
  resolved: boolean;
  parentId: string | null;
  dateCreated: number;
}

export interface ChecklistRec {
  id: string;
  taskId: string;
  name: string;
  orderindex: number;
  dateCreated: number;
  creatorId: number;
  items: ChecklistItemRec[];
}

export interface GoalRec {
  id: string;
  prettyId: string;
  workspaceId: string;
  name: string;
  creatorId: number;
  ownerIds: number[];
  color: string;
  dateCreated: number;
  dateUpdated: number;
  startDate: number | null;
  dueDate: number;
  description: string;
  private: boolean;
  archived: boolean;
  multipleOwners: boolean;
}

export type KeyResultType = 'number' | 'currency' | 'boolean' | 'percentage' | 'automatic';

export interface KeyResultRec {
  id: string;
  goalId: string;
  name: string;
  type: KeyResultType;
  unit: string;
  creatorId: number;
  dateCreated: number;
  stepsStart: number;
  stepsEnd: number;
  stepsCurrent: number;
  taskIds: string[];
  listIds: string[];
  ownerIds: number[];
  lastAction: {
    id: string;
    userId: number;
    date: number;
    stepsBefore: number;
    stepsTaken: number;
    note: string;
  } | null;
}

export interface TimeEntryTag {
  name: string;
  tag_bg: string;
  tag_fg: string;
  creator: number;
}

export interface TimeEntryRec {
  id: string;
  workspaceId: string;
  userId: number;
  taskId: string | null;
  billable: boolean;
  start: number;
  end: number | null; // null while the timer runs
  description: string;
  tags: TimeEntryTag[];
  source: string;
  at: number;
}

export interface DocRec {
  id: string;
  workspaceId: string;
  name: string;
  parent: { id: string; type: number };
  visibility: 'PUBLIC' | 'PRIVATE' | 'PERSONAL' | 'HIDDEN';
  creatorId: number;
  dateCreated: number;
  dateUpdated: number;
  deleted: boolean;
  archived: boolean;
}

export interface PageRec {
  id: string;
  docId: string;
  parentPageId: string | null;
  name: string;
  subTitle: string;
  content: string; // markdown
  creatorId: number;
  authors: number[];
  contributors: number[];
  dateCreated: number;
  dateUpdated: number;
  orderindex: number;
}

/** A v3 Chat channel: on a location (parent type 4 Space, 5 Folder, 6 List), workspace-wide (7), or a DM. */
export interface ChatChannelRec {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  topic: string;
  type: 'CHANNEL' | 'DM' | 'GROUP_DM';
  visibility: 'PUBLIC' | 'PRIVATE';
  parent: { id: string; type: number };
  creatorId: number;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** Who may see a DM or a private channel; empty for public channels, which every member sees. */
  memberIds: number[];
}

export interface ChatReactionRec {
  reaction: string;
  userId: number;
  date: number;
}

/** A top-level message (`parentMessageId` null) or a reply. */
export interface ChatMessageRec {
  id: string;
  channelId: string;
  parentMessageId: string | null;
  userId: number;
  /** markdown */
  content: string;
  date: number;
  dateUpdated: number;
  reactions: ChatReactionRec[];
}

/** A file attached to a task (v2 Create Task Attachment, v3 attachments). */
export interface AttachmentRec {
  id: string; // "<uuid>.<ext>", as ClickUp names them
  taskId: string;
  title: string;
  extension: string;
  mimeType: string;
  size: number;
  userId: number;
  dateCreated: number;
}

/** 4 Space, 5 Folder, 6 List, 7 Everything (the workspace). */
export type ViewParentType = 4 | 5 | 6 | 7;

export interface ViewRec {
  id: string;
  name: string;
  type: string; // list, board, calendar, table, conversation, …
  parent: { id: string; type: ViewParentType };
  /** The view's task filters, applied by Get View Tasks. */
  filters: { statuses: string[]; tags: string[]; assigneeIds: number[]; showClosed: boolean; search: string };
  creatorId: number;
  dateCreated: number;
  orderindex: number;
}

/** A task template: what a task made from it starts with. */
export interface TaskTemplateRec {
  id: string; // t-…
  workspaceId: string;
  name: string;
  markdown: string;
  tagNames: string[];
  priority: number | null;
  checklists: { name: string; items: string[] }[];
}

/** A list template: the list's description and the tasks it starts with. */
export interface ListTemplateRec {
  id: string; // t-…
  workspaceId: string;
  name: string;
  content: string;
  tasks: { name: string; markdown: string }[];
}
