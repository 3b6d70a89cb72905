import type { Goal, KeyResult } from '@gw/clickup-client';
import type { EffectPreview } from '../previews/effect-preview';
import { peopleLabels } from '../previews/people';
import { Changes, given, previewOf } from '../previews/preview-reader';
import { counted, defined, excerpt, isoOf, oneLine, quoted } from '../previews/preview-text';
import { provenGoal, provenKeyResult } from './goal.scope';
import {
  goalCreateInput,
  goalDeleteInput,
  goalUpdateInput,
  keyResultCreateInput,
  keyResultDeleteInput,
  keyResultUpdateInput,
} from './goals.schemas';

const label = (g: Pick<Goal, 'id' | 'name'>) => `goal ${quoted(g.name)} (${g.id})`;
const target = (g: Goal): EffectPreview['target'] => ({
  type: 'goal',
  id: g.id,
  name: oneLine(g.name),
  url: g.pretty_url,
});
const goalPlace = (g: Goal): NonNullable<EffectPreview['location']> => ({
  type: 'goal',
  id: g.id,
  name: oneLine(g.name),
});
const krTarget = (kr: KeyResult): EffectPreview['target'] => ({
  type: 'key_result',
  id: kr.id,
  name: oneLine(kr.name),
});
/** `12 of 20 interviews`: a key result's progress at `current`, by default where it stands now. */
const progress = (kr: KeyResult, current = kr.steps_current) =>
  `${current ?? '?'} of ${kr.steps_end ?? '?'}${kr.unit ? ` ${oneLine(kr.unit, 20)}` : ''}`;

export const goalsPreviews = {
  goal_create: previewOf(goalCreateInput, async (args, ctx) => ({
    kind: 'create',
    summary: `Creates goal ${quoted(args.name)} due ${isoOf(args.due_date)}`,
    proposed: defined({
      name: oneLine(args.name),
      due_date: isoOf(args.due_date),
      description: given(args.description, excerpt),
      owners: args.owners && (await peopleLabels(ctx, args.owners)),
      color: args.color,
    }),
    location: { type: 'workspace', id: ctx.scope.workspaceId, name: null },
  })),

  goal_update: previewOf(goalUpdateInput, async (args, ctx) => {
    const goal = await provenGoal(ctx, args.goal_id);
    const current = goal.owners.map((o) => o.id);
    const ownersChange = args.add_owners !== undefined || args.rem_owners !== undefined;
    const removed = new Set(args.rem_owners ?? []);
    const next = [...new Set([...current, ...(args.add_owners ?? [])])].filter((id) => !removed.has(id));
    const changes = new Changes()
      .add('name', given(args.name, oneLine), oneLine(goal.name))
      .add('due_date', given(args.due_date, isoOf), isoOf(goal.due_date))
      .add('description', given(args.description, excerpt), excerpt(goal.description))
      .add('color', args.color, goal.color)
      .add(
        'owners',
        ownersChange ? await peopleLabels(ctx, next, goal.owners) : undefined,
        await peopleLabels(ctx, current, goal.owners),
      );
    return {
      kind: 'update',
      summary: `Updates ${label(goal)}${changes.phrase()}`,
      target: target(goal),
      changes: changes.list,
    };
  }),

  goal_delete: previewOf(goalDeleteInput, async (args, ctx) => {
    const goal = await provenGoal(ctx, args.goal_id);
    const keyResults = goal.key_results.length;
    return {
      kind: 'delete',
      summary: `Deletes ${label(goal)} with ${counted(keyResults, 'key result')}`,
      target: target(goal),
      counts: { key_results: keyResults },
    };
  }),

  key_result_create: previewOf(keyResultCreateInput, async (args, ctx) => {
    const goal = await provenGoal(ctx, args.goal_id);
    const [owners, tasks] = await Promise.all([
      args.owners && peopleLabels(ctx, args.owners),
      // The guard proved each linked task, reading it: their names cost nothing more.
      args.task_ids &&
        Promise.all(
          args.task_ids.map(async (id) => `${oneLine((await ctx.scope.task(ctx.client, id)).name)} (${id})`),
        ),
    ]);
    return {
      kind: 'create',
      summary: `Adds key result ${quoted(args.name)} to ${label(goal)}`,
      proposed: defined({
        name: oneLine(args.name),
        type: args.type,
        start: args.start,
        target: args.target ?? (args.type === 'boolean' ? 1 : 100),
        unit: given(args.unit, (u) => oneLine(u, 20)),
        owners,
        tasks,
        list_ids: args.list_ids,
      }),
      location: goalPlace(goal),
    };
  }),

  key_result_update: previewOf(keyResultUpdateInput, async (args, ctx) => {
    const [goal, kr] = await Promise.all([
      provenGoal(ctx, args.goal_id),
      provenKeyResult(ctx, args.goal_id, args.key_result_id),
    ]);
    const changes = new Changes()
      .add('current', args.current, kr.steps_current)
      .add('note', given(args.note, excerpt), null);
    return {
      kind: 'update',
      summary: `Sets key result ${quoted(kr.name)} of ${label(goal)} from ${progress(kr)} to ${progress(kr, args.current)}`,
      target: krTarget(kr),
      changes: changes.list,
    };
  }),

  key_result_delete: previewOf(keyResultDeleteInput, async (args, ctx) => {
    const [goal, kr] = await Promise.all([
      provenGoal(ctx, args.goal_id),
      provenKeyResult(ctx, args.goal_id, args.key_result_id),
    ]);
    return {
      kind: 'delete',
      summary: `Deletes key result ${quoted(kr.name)} (${kr.id}, at ${progress(kr)}) of ${label(goal)}`,
      target: krTarget(kr),
    };
  }),
};
