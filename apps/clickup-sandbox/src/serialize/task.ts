import { must } from '../util/must';
import { readFieldValue } from '../store/field-values';
import type { Store } from '../store/store';
import type { ChecklistRec, TaskRec } from '../store/types';
import { markdownToText } from '../util/markdown';
import { taskAttachment } from './attachments';
import { fieldDefinition } from './fields';
import { folderRef } from './hierarchy';
import { PRIORITIES } from './priority';
import { userRef } from './users';

const str = (n: number | null): string | null => (n === null ? null : String(n));

export interface TaskViewOptions {
  markdown?: boolean;
  subtasks?: boolean;
}

/** The task object of Get Task, also used for task lists (API-NOTES §5.6). */
export function task(store: Store, t: TaskRec, options: TaskViewOptions = {}): Record<string, unknown> {
  const list = must(store.lists.get(t.listId));
  const s = must(store.spaces.get(list.spaceId));
  const status = store.statusOfTask(t);
  const folder = folderRef(store, list);
  const text = markdownToText(t.markdown);
  const creator = must(store.users.get(t.creatorId));
  const tags = store.spaceTags.get(s.id) ?? [];
  const timeSpent = timeSpentOn(store, t.id);
  const out: Record<string, unknown> = {
    id: t.id,
    custom_id: t.customId,
    custom_item_id: t.customItemId,
    name: t.name,
    text_content: text,
    description: text,
  };
  if (options.markdown) out['markdown_description'] = t.markdown;
  Object.assign(out, {
    status: {
      id: status.id,
      status: status.status,
      color: status.color,
      orderindex: status.orderindex,
      type: status.type,
    },
    orderindex: `${t.orderindex}.00000000000000000000000000000000`,
    date_created: String(t.dateCreated),
    date_updated: String(t.dateUpdated),
    date_closed: str(t.dateClosed),
    date_done: str(t.dateDone),
    archived: t.archived,
    creator: {
      id: creator.id,
      username: creator.username,
      color: creator.color,
      email: creator.email,
      profilePicture: creator.profilePicture,
    },
    assignees: t.assigneeIds.map((id) => userRef(must(store.users.get(id)))),
    group_assignees: [],
    watchers: t.watcherIds.map((id) => userRef(must(store.users.get(id)))),
    // In the task's order of checklists (PUT /checklist/{id} with `position` moves one).
    checklists: [...store.checklists.values()]
      .filter((c) => c.taskId === t.id)
      .sort((a, b) => a.orderindex - b.orderindex)
      .map((c) => checklist(store, c)),
    tags: t.tagNames.map((name) => {
      const tag = tags.find((x) => x.name === name);
      return {
        name,
        tag_fg: tag?.fg ?? '#000000',
        tag_bg: tag?.bg ?? '#b5bcc2',
        creator: tag?.creator ?? t.creatorId,
      };
    }),
    parent: t.parentId,
    top_level_parent: store.topLevelParent(t),
    priority: t.priority === null ? null : { ...PRIORITIES[t.priority] },
    due_date: str(t.dueDate),
    start_date: str(t.startDate),
    points: t.points,
    // The spec examples give time_estimate as a string of ms while the schema says number (API-NOTES §3).
    time_estimate: t.timeEstimate === null ? null : String(t.timeEstimate),
  });
  if (timeSpent > 0) out['time_spent'] = timeSpent;
  const attached = store.attachments.get(t.id);
  if (attached && attached.length > 0) out['attachments'] = attached.map((a) => taskAttachment(store, a));
  Object.assign(out, {
    custom_fields: store.fieldsOfList(list).map((f) => {
      const def: Record<string, unknown> = fieldDefinition(f);
      if (t.fieldValues.has(f.id)) {
        const value = readFieldValue(store, f, t.fieldValues.get(f.id));
        if (value !== undefined) def['value'] = value;
      }
      return def;
    }),
    dependencies: store.dependencies
      .filter((d) => d.taskId === t.id || d.dependsOn === t.id)
      .map((d) => ({
        task_id: d.taskId,
        depends_on: d.dependsOn,
        type: d.taskId === t.id ? 1 : 0,
        date_created: String(d.dateCreated),
        userid: String(d.userId),
        workspace_id: s.workspaceId,
        chain_id: null,
      })),
    linked_tasks: linkedTasks(store, t.id),
    locations: t.extraListIds.flatMap((id) => {
      const l = store.lists.get(id);
      return l ? [{ id: l.id, name: l.name }] : [];
    }),
    team_id: s.workspaceId,
    url: `https://app.clickup.com/t/${t.id}`,
    sharing: {
      public: false,
      public_share_expires_on: null,
      public_fields: [],
      token: null,
      seo_optimized: false,
    },
    permission_level: 'create',
    list: { id: list.id, name: list.name, access: true },
    project: folder,
    folder,
    space: { id: s.id },
  });
  if (options.subtasks) {
    out['subtasks'] = store.subtasksOf(t.id).map((sub) => {
      const full = task(store, sub, { markdown: options.markdown });
      delete full['sharing'];
      return full;
    });
  }
  return out;
}

export function linkedTasks(store: Store, taskId: string) {
  return store.links
    .filter((l) => l.a === taskId || l.b === taskId)
    .map((l) => ({
      task_id: l.a === taskId ? l.b : l.a,
      link_id: l.linkId,
      date_created: String(l.dateCreated),
      userid: String(l.userId),
      workspace_id: store.workspaceOfTask(must(store.tasks.get(taskId))),
    }));
}

function timeSpentOn(store: Store, taskId: string): number {
  let total = 0;
  for (const e of store.timeEntries.values())
    if (e.taskId === taskId && e.end !== null) total += e.end - e.start;
  return total;
}

export function checklist(store: Store, c: ChecklistRec) {
  const items = [...c.items].sort((a, b) => a.orderindex - b.orderindex);
  const resolved = items.filter((i) => i.resolved).length;
  const itemView = (i: (typeof items)[number]): Record<string, unknown> => {
    const assignee = i.assigneeId === null ? undefined : store.users.get(i.assigneeId);
    return {
      id: i.id,
      name: i.name,
      orderindex: i.orderindex,
      assignee: assignee ? userRef(assignee) : null,
      group_assignee: null,
      resolved: i.resolved,
      parent: i.parentId,
      date_created: String(i.dateCreated),
      children: items.filter((x) => x.parentId === i.id).map((x) => x.id),
    };
  };
  return {
    id: c.id,
    task_id: c.taskId,
    name: c.name,
    date_created: String(c.dateCreated),
    orderindex: c.orderindex,
    creator: c.creatorId,
    resolved,
    unresolved: items.length - resolved,
    items: items.map(itemView),
  };
}
