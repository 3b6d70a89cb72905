import type { CustomField, Task, TaskCustomField } from '@gw/clickup-client';
import type { Issue } from '../core/envelope';
import type { ToolContext } from '../core/tool-context';
import { readFieldValue, type FieldWrite } from '../custom-fields/field-values';
import { priorityOf } from './task-inputs';
import type { TaskType } from './task-types';

/*
 * ClickUp sometimes answers a write 200 and keeps less than it was asked (an assignee outside the list's members, a
 * status the list lacks, a custom field of another list). The task tools compare what they asked with what ClickUp
 * answered (the task a create or update returns, or one re-read where the answer has no task) and say what did not
 * apply as NOT_APPLIED issues beside `ok: true`: what did apply stays applied.
 */

/** What a task_create or task_update asked of ClickUp, in ClickUp's terms (ids, levels, ms). */
export interface AskedTask {
  name?: string;
  status?: string;
  priority?: number;
  /** The full set of assignees the task should have. */
  assignees?: readonly number[];
  /** Tags the task should carry (any case). */
  tags?: readonly string[];
  parent?: string;
  task_type?: TaskType;
  due_date?: number;
  start_date?: number;
  time_estimate?: number;
}

/** One custom field an agent set, as sent: `path` names its argument (`custom_fields.0`, `value`). */
export interface FieldAsk {
  path: string;
  field: CustomField | TaskCustomField;
  write: FieldWrite;
}

const shown = (value: unknown): string =>
  value === null || value === undefined
    ? 'nothing'
    : Array.isArray(value)
      ? `[${value.join(', ')}]`
      : JSON.stringify(value);

const issue = (path: string, message: string): Issue => ({ code: 'NOT_APPLIED', message, path });

function differs(path: string, label: string, asked: unknown, kept: unknown, why = ''): Issue {
  return issue(
    path,
    `${label}: asked ${shown(asked)}, ClickUp kept ${shown(kept)}${why ? ` (${why})` : ''}.`,
  );
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
  const left = new Set(a.map(String));
  const right = new Set(b.map(String));
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/** The parts of a task write that ClickUp's answer does not show, one issue per argument. */
export function notAppliedToTask(asked: AskedTask, kept: Task): Issue[] {
  const issues: Issue[] = [];
  if (asked.name !== undefined && asked.name !== kept.name)
    issues.push(differs('name', 'name', asked.name, kept.name));
  if (asked.status !== undefined) {
    const now = kept.status?.status ?? null;
    if (now?.toLowerCase() !== asked.status.trim().toLowerCase()) {
      issues.push(differs('status', 'status', asked.status, now, 'the list may not have that status'));
    }
  }
  if (asked.priority !== undefined) {
    const now = priorityOf(kept.priority).priority;
    if (now !== asked.priority) issues.push(differs('priority', 'priority', asked.priority, now));
  }
  if (asked.assignees !== undefined) {
    const now = kept.assignees.map((a) => a.id);
    if (!sameSet(asked.assignees, now)) {
      const left = asked.assignees.filter((id) => !now.includes(id));
      const why = left.length > 0 ? `left out ${left.join(', ')}: not members of the list?` : '';
      issues.push(differs('assignees', 'assignees', asked.assignees, now, why));
    }
  }
  if (asked.tags !== undefined) {
    const now = kept.tags.map((t) => t.name.toLowerCase());
    const missing = asked.tags.filter((t) => !now.includes(t.toLowerCase()));
    if (missing.length > 0)
      issues.push(
        differs(
          'tags',
          'tags',
          asked.tags,
          kept.tags.map((t) => t.name),
        ),
      );
  }
  if (asked.parent !== undefined && kept.parent !== asked.parent) {
    issues.push(differs('parent', 'parent', asked.parent, kept.parent));
  }
  if (asked.task_type !== undefined && (kept.custom_item_id ?? 0) !== asked.task_type.id) {
    issues.push(differs('task_type', 'task_type', asked.task_type.id, kept.custom_item_id ?? 0));
  }
  // Dates and estimates: only whether one was kept at all (ClickUp may round a time it was given).
  for (const key of ['due_date', 'start_date', 'time_estimate'] as const) {
    if (asked[key] !== undefined && kept[key] === null) issues.push(differs(key, key, asked[key], null));
  }
  return issues;
}

/** Ids of the people or tasks a field holds, as `readFieldValue` gives them (`[{id, name}]`). */
const idsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => String(v && typeof v === 'object' && 'id' in v ? v.id : v)) : [];

const asNumber = (value: unknown): number | null => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Whether the value ClickUp shows for a field is the one written; `expected` is what to name in the message. */
function fieldKept(ask: FieldAsk, kept: TaskCustomField): { ok: boolean; expected: unknown; now: unknown } {
  const now = readFieldValue(kept);
  const { field, write } = ask;
  switch (field.type) {
    case 'users':
    case 'tasks':
    case 'list_relationship': {
      const change = write.value as { add: (string | number)[]; rem: (string | number)[] };
      const before = 'value' in field ? idsIn(readFieldValue(field)) : [];
      const rem = new Set(change.rem.map(String));
      const expected = [...new Set([...before, ...change.add.map(String)])].filter((id) => !rem.has(id));
      return { ok: sameSet(expected, idsIn(now)), expected, now: idsIn(now) };
    }
    case 'drop_down':
    case 'text':
    case 'short_text':
    case 'url':
    case 'email':
    case 'phone':
    case 'checkbox':
      return { ok: now === write.readable, expected: write.readable, now };
    case 'labels':
    case 'label': {
      const names = Array.isArray(now) ? now.map(String) : [];
      const expected = (write.readable as unknown[]).map(String);
      return { ok: sameSet(expected, names), expected, now: names };
    }
    case 'number':
    case 'currency':
    case 'emoji':
    case 'date':
    case 'manual_progress':
      return { ok: asNumber(now) === asNumber(write.readable), expected: write.readable, now };
    default:
      return { ok: now !== null, expected: write.readable, now };
  }
}

/** The custom fields ClickUp's task (as answered or re-read) does not show as written. */
export function notAppliedFields(asks: readonly FieldAsk[], kept: readonly TaskCustomField[]): Issue[] {
  return asks.flatMap((ask) => {
    const label = `custom field "${ask.field.name}"`;
    const now = kept.find((f) => f.id === ask.field.id);
    if (!now) {
      return [issue(ask.path, `${label}: ClickUp did not set it (the field does not apply to this task).`)];
    }
    const result = fieldKept(ask, now);
    return result.ok ? [] : [differs(ask.path, label, result.expected, result.now)];
  });
}

/** Adds issues of a call that otherwise succeeded to its envelope. */
export function notApplied(ctx: ToolContext, issues: readonly Issue[]): void {
  if (issues.length > 0) ctx.notes?.push(...issues);
}
