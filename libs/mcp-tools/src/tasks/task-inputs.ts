import type { ClickUpClient, Priority } from '@gw/clickup-client';
import type { z } from 'zod';
import { PRIORITY_NAMES } from '../core/format';
import type { timeField } from '../core/input-fields';
import type { priorityInput } from './tasks.schemas';

const LEVELS: Record<string, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

/** How task_get reads a task: with markdown, subtasks if asked, and by custom id within the server's workspace. */
export function taskGetOptions(
  args: { subtasks: boolean; custom_task_ids: boolean },
  workspaceId: string,
): Parameters<ClickUpClient['tasks']['get']>[1] {
  const shared = { includeSubtasks: args.subtasks, includeMarkdownDescription: true };
  return args.custom_task_ids ? { ...shared, customTaskIds: true as const, teamId: workspaceId } : shared;
}

/** 1..4 from a number or a name (`high`). */
export function priorityLevel(value: z.output<typeof priorityInput>): number {
  return typeof value === 'number' ? value : LEVELS[value];
}

/** A task's priority as `{priority: 2, priority_name: "high"}`, or nulls. */
export function priorityOf(p: Priority | null): { priority: number | null; priority_name: string | null } {
  if (!p) return { priority: null, priority_name: null };
  const fromId = Number(p.id);
  const level = fromId >= 1 && fromId <= 4 ? fromId : (LEVELS[p.priority.toLowerCase()] ?? null);
  return {
    priority: level,
    priority_name: level ? PRIORITY_NAMES[level as keyof typeof PRIORITY_NAMES] : p.priority,
  };
}

/** A time argument as ClickUp takes it: `timeField` has already read it as epoch ms. */
export function toMs(value: z.output<typeof timeField>): number;
export function toMs(value: z.output<typeof timeField> | undefined): number | undefined;
export function toMs(value: z.output<typeof timeField> | undefined): number | undefined {
  return value;
}

/** ClickUp's `{add, rem}` that turns the current assignees into the wanted set. */
export function assigneeChange(current: readonly number[], wanted: readonly number[]) {
  const now = new Set(current);
  const next = new Set(wanted);
  return { add: wanted.filter((id) => !now.has(id)), rem: current.filter((id) => !next.has(id)) };
}
