import { must } from '../util/must';
import type { Store } from '../store/store';
import type { GoalRec, KeyResultRec } from '../store/types';
import { userRef } from './users';

export function krPercent(kr: KeyResultRec): number {
  const span = kr.stepsEnd - kr.stepsStart;
  if (span === 0) return kr.stepsCurrent >= kr.stepsEnd ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round(((kr.stepsCurrent - kr.stepsStart) / span) * 100)));
}

export function goalPercent(store: Store, g: GoalRec): number {
  const krs = keyResultsOf(store, g.id);
  if (krs.length === 0) return 0;
  return Math.round(krs.reduce((sum, kr) => sum + krPercent(kr), 0) / krs.length);
}

export function keyResultsOf(store: Store, goalId: string): KeyResultRec[] {
  return [...store.keyResults.values()].filter((k) => k.goalId === goalId);
}

function owners(store: Store, ids: number[]) {
  return ids.flatMap((id) => {
    const u = store.users.get(id);
    return u ? [userRef(u)] : [];
  });
}

/** The goal as the list call shows it (with `key_result_count`). */
export function goalSummary(store: Store, g: GoalRec) {
  return {
    id: g.id,
    pretty_id: g.prettyId,
    name: g.name,
    team_id: g.workspaceId,
    creator: g.creatorId,
    owner: null,
    color: g.color,
    date_created: String(g.dateCreated),
    start_date: g.startDate === null ? null : String(g.startDate),
    due_date: String(g.dueDate),
    description: g.description,
    private: g.private,
    archived: g.archived,
    multiple_owners: g.multipleOwners,
    editor_token: `editor_${g.prettyId}`,
    date_updated: String(g.dateUpdated),
    last_update: String(g.dateUpdated),
    folder_id: null,
    pinned: false,
    owners: owners(store, g.ownerIds),
    key_result_count: keyResultsOf(store, g.id).length,
    members: [],
    group_members: [],
    percent_completed: goalPercent(store, g),
  };
}

/** The goal as Get/Create/Update Goal show it (with `key_results`). */
export function goal(store: Store, g: GoalRec) {
  return {
    id: g.id,
    name: g.name,
    team_id: g.workspaceId,
    date_created: String(g.dateCreated),
    start_date: g.startDate === null ? null : String(g.startDate),
    due_date: String(g.dueDate),
    description: g.description,
    private: g.private,
    archived: g.archived,
    creator: g.creatorId,
    color: g.color,
    pretty_id: g.prettyId,
    multiple_owners: g.multipleOwners,
    folder_id: null,
    members: [],
    owners: owners(store, g.ownerIds),
    key_results: keyResultsOf(store, g.id).map((kr) => keyResult(store, kr)),
    percent_completed: goalPercent(store, g),
    history: [],
    pretty_url: `https://app.clickup.com/${g.workspaceId}/goals/${g.prettyId}`,
  };
}

export function keyResult(store: Store, kr: KeyResultRec) {
  const g = must(store.goals.get(kr.goalId));
  const percent = krPercent(kr);
  const a = kr.lastAction;
  return {
    id: kr.id,
    goal_id: kr.goalId,
    name: kr.name,
    type: kr.type,
    unit: kr.unit,
    creator: kr.creatorId,
    date_created: String(kr.dateCreated),
    goal_pretty_id: g.prettyId,
    percent_completed: String(percent),
    completed: percent >= 100,
    task_ids: kr.taskIds,
    subcategory_ids: kr.listIds,
    owners: owners(store, kr.ownerIds),
    steps_start: kr.stepsStart,
    steps_end: kr.stepsEnd,
    steps_current: kr.stepsCurrent,
    last_action: a
      ? {
          id: a.id,
          key_result_id: kr.id,
          userid: a.userId,
          date_modified: String(a.date),
          steps_taken: String(a.stepsTaken),
          note: a.note,
          steps_before: String(a.stepsBefore),
          steps_current: String(kr.stepsCurrent),
          steps_before_float: a.stepsBefore,
          steps_taken_float: a.stepsTaken,
          steps_current_float: String(kr.stepsCurrent),
        }
      : {
          id: `${kr.id}-created`,
          key_result_id: kr.id,
          userid: kr.creatorId,
          date_modified: String(kr.dateCreated),
          steps_taken: null,
          note: '',
          steps_before: null,
          steps_current: null,
          steps_before_float: 0,
          steps_taken_float: 0,
          steps_current_float: null,
        },
  };
}
