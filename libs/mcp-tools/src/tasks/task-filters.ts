import type { Task } from '@gw/clickup-client';
import type { z } from 'zod';
import { foldName } from '../core/format';
import type { ToolContext } from '../core/tool-context';
import { priorityLevel, priorityOf } from './task-inputs';
import type { priorityInput } from './tasks.schemas';

export interface ClientSideFilters {
  priorities?: ReadonlyArray<z.output<typeof priorityInput>>;
  unassigned?: boolean;
  assignees?: readonly unknown[];
  name_contains?: string;
}

/**
 * The filters ClickUp's task listings lack (priority, no assignee, text in the name), plus the server's scope:
 * a listing never returns a task outside the workspace or spaces the server is pinned to.
 */
export function clientSideFilter(args: ClientSideFilters, ctx: ToolContext): (t: Task) => boolean {
  const levels = args.priorities ? new Set(args.priorities.map(priorityLevel)) : null;
  const text = args.name_contains ? foldName(args.name_contains) : null;
  return (t) =>
    ctx.scope.inWorkspace(t.team_id) &&
    ctx.scope.allowsSpace(t.space?.id) &&
    (levels === null || levels.has(priorityOf(t.priority).priority ?? 0)) &&
    (!args.unassigned || t.assignees.length === 0) &&
    (text === null || foldName(t.name).includes(text));
}
