import { Injectable } from '@nestjs/common';
import type { Goal, KeyResult } from '@gw/clickup-client';
import type { z } from 'zod';
import { foldName, timeFields } from '../core/format';
import { CREATE, DELETE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid, notFound } from '../core/tool-error';
import { provenGoal } from './goal.scope';
import { goalsGuard } from './goals.guard';
import {
  deletedOutput,
  goalCreateInput,
  goalDeleteInput,
  goalDetailSchema,
  goalGetInput,
  goalListInput,
  goalListOutput,
  goalSummarySchema,
  goalUpdateInput,
  keyResultCreateInput,
  keyResultDeleteInput,
  keyResultSchema,
  keyResultUpdateInput,
} from './goals.schemas';

const DEFAULT_COLOR = '#32a852';

function toKeyResult(kr: KeyResult): z.input<typeof keyResultSchema> {
  const span = kr.steps_end !== null && kr.steps_start !== null ? kr.steps_end - kr.steps_start : null;
  const computed =
    span && kr.steps_current !== null && kr.steps_start !== null
      ? Math.round(((kr.steps_current - kr.steps_start) / span) * 100)
      : null;
  const percent = kr.percent_completed ?? computed;
  return {
    id: kr.id,
    name: kr.name,
    type: kr.type,
    unit: kr.unit,
    start: kr.steps_start,
    current: kr.steps_current,
    target: kr.steps_end,
    percent,
    task_ids: kr.task_ids,
    list_ids: kr.subcategory_ids,
    last_update: lastUpdate(kr),
  };
}

/** The latest progress change ClickUp reports; its numbers come as integers or as `_float` twins. */
function lastUpdate(kr: KeyResult): z.input<typeof keyResultSchema>['last_update'] {
  const a = kr.last_action;
  if (!a) return null;
  const from = a.steps_before ?? a.steps_before_float;
  const taken = a.steps_taken ?? a.steps_taken_float;
  const to =
    a.steps_current ?? a.steps_current_float ?? (from !== null && taken !== null ? from + taken : null);
  return {
    ...timeFields('date', a.date_modified),
    user_id: a.userid,
    from,
    to,
    note: a.note === '' ? null : a.note,
  };
}

function goalFields(goal: Goal) {
  return {
    id: goal.id,
    name: goal.name,
    percent_completed: goal.percent_completed,
    ...timeFields('due_date', goal.due_date),
    owner_ids: goal.owners.map((o) => o.id),
  };
}

function toSummary(goal: Goal): z.input<typeof goalSummarySchema> {
  return { ...goalFields(goal), key_result_count: goal.key_result_count ?? goal.key_results.length };
}

function toDetail(goal: Goal): z.input<typeof goalDetailSchema> {
  return {
    ...goalFields(goal),
    description: goal.description,
    url: goal.pretty_url,
    key_results: goal.key_results.map(toKeyResult),
  };
}

async function listGoals(ctx: ToolContext, includeCompleted: boolean): Promise<Goal[]> {
  const { data } = await ctx.client.goals.list(ctx.scope.workspaceId, { includeCompleted });
  // Goals inside goal folders are listed under their folder.
  const seen = new Set<string>();
  return [...data.goals, ...data.folders.flatMap((f) => f.goals)].filter(
    (g) => !seen.has(g.id) && Boolean(seen.add(g.id)),
  );
}

@Injectable()
export class GoalsTools implements ToolGroup {
  readonly guard = goalsGuard;
  readonly tools = [
    defineTool({
      name: 'goal_list',
      title: 'List goals',
      description: 'Workspace goals with progress; filter by name.',
      method: 'list',
      tags: ['goals'],
      input: goalListInput,
      output: goalListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const goals = await listGoals(ctx, args.include_completed ?? args.name !== undefined);
        const wanted = args.name ? foldName(args.name) : null;
        const items = goals.filter((g) => !wanted || foldName(g.name).includes(wanted)).map(toSummary);
        return { items, next_cursor: null, truncated: false };
      },
    }),
    defineTool({
      name: 'goal_get',
      title: 'Get a goal',
      description: 'A goal with its key results’ progress (current/target/percent).',
      method: 'get',
      tags: ['goals'],
      input: goalGetInput,
      output: goalDetailSchema,
      annotations: READ,
      handler: async (args, ctx) => {
        let goalId = args.goal_id;
        if (args.name !== undefined) {
          const wanted = foldName(args.name);
          const matches = (await listGoals(ctx, true)).filter((g) => foldName(g.name) === wanted);
          if (matches.length === 0) throw notFound(`No goal is named "${args.name}"; see goal_list.`);
          if (matches.length > 1)
            throw invalid(`Several goals are named "${args.name}"; give goal_id.`, 'name');
          goalId = matches[0].id;
        }
        return toDetail(await provenGoal(ctx, goalId as string));
      },
    }),
    defineTool({
      name: 'goal_create',
      title: 'Create a goal',
      description: 'Creates a workspace goal; add targets with key_result_create.',
      method: 'create',
      tags: ['goals'],
      input: goalCreateInput,
      output: goalSummarySchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const owners = args.owners ?? [];
        const { data } = await ctx.client.goals.create(ctx.scope.workspaceId, {
          name: args.name,
          due_date: args.due_date,
          description: args.description ?? '',
          multiple_owners: owners.length > 1,
          owners,
          color: args.color ?? DEFAULT_COLOR,
        });
        return toSummary(data);
      },
    }),
    defineTool({
      name: 'goal_update',
      title: 'Update a goal',
      description: 'Changes the given fields of a goal.',
      method: 'update',
      tags: ['goals'],
      input: goalUpdateInput,
      output: goalSummarySchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const goal = await provenGoal(ctx, args.goal_id);
        // ClickUp wants name, due date, description and colour on every update: unchanged ones are sent back.
        const { data } = await ctx.client.goals.update(goal.id, {
          name: args.name ?? goal.name,
          due_date: args.due_date ?? goal.due_date ?? Date.now(),
          description: args.description ?? goal.description ?? '',
          color: args.color ?? goal.color ?? DEFAULT_COLOR,
          add_owners: args.add_owners,
          rem_owners: args.rem_owners,
        });
        return toSummary(data);
      },
    }),
    defineTool({
      name: 'goal_delete',
      title: 'Delete a goal',
      description: 'Deletes a goal and its key results.',
      method: 'delete',
      tags: ['goals'],
      input: goalDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.goals.delete(args.goal_id);
        return { id: args.goal_id, deleted: true as const };
      },
    }),
    defineTool({
      name: 'key_result_create',
      title: 'Add a key result',
      description: 'Adds a key result to a goal: from start to target, or automatic from tasks/lists.',
      method: 'create',
      tags: ['goals'],
      input: keyResultCreateInput,
      output: keyResultSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.goals.createKeyResult(args.goal_id, {
          name: args.name,
          type: args.type,
          steps_start: args.start,
          steps_end: args.target ?? (args.type === 'boolean' ? 1 : 100),
          unit: args.unit,
          owners: args.owners,
          task_ids: args.task_ids,
          list_ids: args.list_ids,
        });
        return toKeyResult(data);
      },
    }),
    defineTool({
      name: 'key_result_update',
      title: 'Update key result progress',
      description: "Records a key result's current value, with an optional note.",
      method: 'update',
      tags: ['goals'],
      input: keyResultUpdateInput,
      output: keyResultSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.goals.updateKeyResult(args.key_result_id, {
          steps_current: args.current,
          note: args.note,
        });
        return toKeyResult(data);
      },
    }),
    defineTool({
      name: 'key_result_delete',
      title: 'Delete a key result',
      description: 'Removes a key result from its goal.',
      method: 'delete',
      tags: ['goals'],
      input: keyResultDeleteInput,
      output: deletedOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        await ctx.client.goals.deleteKeyResult(args.key_result_id);
        return { id: args.key_result_id, deleted: true as const };
      },
    }),
  ];
}
