import { must } from '../util/must';
import type { Store } from '../store/store';
import type { TimeEntryRec } from '../store/types';
import { folderRef } from './hierarchy';

/**
 * The spec types time-entry numbers differently per operation (API-NOTES §16.1): the list and
 * get-one answers use strings of ms; current, start and stop answer `duration` (and some of `end`,
 * `at`) as integers. Each flavour copies its operation's schema.
 */
export type EntryFlavour = 'list' | 'current' | 'start' | 'stop';

export function runningDuration(e: TimeEntryRec): number {
  // A running timer reports the negative start timestamp; clients compute now - start (API-NOTES §16.1).
  return -e.start;
}

export function timeEntry(store: Store, e: TimeEntryRec, flavour: EntryFlavour) {
  const user = must(store.users.get(e.userId));
  const t = e.taskId ? store.tasks.get(e.taskId) : undefined;
  const duration = e.end === null ? runningDuration(e) : e.end - e.start;
  const out: Record<string, unknown> = { id: e.id };
  if (t) {
    const s = store.statusOfTask(t);
    out['task'] = {
      id: t.id,
      custom_id: t.customId,
      name: t.name,
      status: { status: s.status, color: s.color, type: s.type, orderindex: s.orderindex },
      custom_type: null,
    };
  }
  Object.assign(out, {
    wid: e.workspaceId,
    user: {
      id: user.id,
      username: user.username,
      email: user.email,
      color: user.color,
      initials: user.initials,
      profilePicture: user.profilePicture,
    },
    billable: e.billable,
    start: String(e.start),
  });
  if (flavour === 'list') {
    if (e.end !== null) out['end'] = String(e.end);
    out['duration'] = String(duration);
  } else {
    if (e.end !== null) out['end'] = flavour === 'stop' ? e.end : String(e.end);
    out['duration'] = duration;
  }
  Object.assign(out, {
    description: e.description,
    tags: e.tags,
    source: e.source,
    at: flavour === 'start' || flavour === 'stop' ? e.at : String(e.at),
  });
  if (t && flavour === 'list') {
    const list = must(store.lists.get(t.listId));
    const space = must(store.spaces.get(list.spaceId));
    const folder = folderRef(store, list);
    // The schema requires the names although the docs tie them to include_location_names; they are always sent.
    out['task_location'] = {
      list_id: Number(list.id),
      folder_id: Number(folder.id),
      space_id: Number(space.id),
      list_name: list.name,
      folder_name: folder.name,
      space_name: space.name,
    };
    const spaceTags = store.spaceTags.get(space.id) ?? [];
    out['task_tags'] = t.tagNames.map((name) => {
      const tag = spaceTags.find((x) => x.name === name);
      return {
        name,
        tag_fg: tag?.fg ?? '#000000',
        tag_bg: tag?.bg ?? '#b5bcc2',
        creator: tag?.creator ?? t.creatorId,
      };
    });
    out['task_url'] = `https://app.clickup.com/t/${t.id}`;
  }
  return out;
}
