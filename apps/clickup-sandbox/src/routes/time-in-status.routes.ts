import { Errors } from '../http/api-error';
import type { Ctx } from '../http/context';
import { ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import type { Store } from '../store/store';
import type { TaskRec } from '../store/types';
import { resolveTask } from './task-lookup';

const MINUTE = 60_000;
const MAX_BULK_TASKS = 100;

/**
 * How long a task has been in each status (API-NOTES §5.1): the current status with the time since it was entered,
 * and every status entered with its total time, in whole minutes; `since` is when the status was first entered.
 */
export function timeInStatus(store: Store, t: TaskRec, now: number) {
  const totals = new Map<string, { entry: TaskRec['statusHistory'][number]; ms: number }>();
  t.statusHistory.forEach((entry, i) => {
    const until = t.statusHistory[i + 1]?.at ?? now;
    const total = totals.get(entry.status);
    if (total) total.ms += until - entry.at;
    else totals.set(entry.status, { entry, ms: until - entry.at });
  });
  const last = t.statusHistory.at(-1);
  const current = store.statusOfTask(t);
  const since = last?.at ?? t.dateCreated;
  const totalTime = (ms: number, at: number) => ({ by_minute: Math.floor(ms / MINUTE), since: String(at) });
  return {
    current_status: {
      status: current.status,
      color: current.color,
      total_time: totalTime(now - since, since),
    },
    status_history: [...totals.values()].map(({ entry, ms }) => ({
      status: entry.status,
      color: entry.color,
      type: entry.type,
      total_time: totalTime(ms, entry.at),
      orderindex: entry.orderindex,
    })),
  };
}

export function timeInStatusRoutes(r: RouteTable): void {
  r.v2('GET', '/task/bulk_time_in_status/task_ids', (ctx: Ctx) => {
    const ids = ctx.query.list('task_ids');
    if (ids.length < 2 || ids.length > MAX_BULK_TASKS) {
      throw Errors.invalid(`Send from 2 to ${MAX_BULK_TASKS} task_ids`, 'ITEM_080');
    }
    const out: Record<string, unknown> = {};
    for (const id of ids) {
      const t = resolveTask(ctx, id);
      out[id] = timeInStatus(ctx.store, t, ctx.now);
    }
    return ok(out);
  });

  r.v2('GET', '/task/:task_id/time_in_status', (ctx) =>
    ok(timeInStatus(ctx.store, resolveTask(ctx), ctx.now)),
  );
}
