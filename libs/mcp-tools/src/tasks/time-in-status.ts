import type { TimeInStatus } from '@gw/clickup-client';
import type { z } from 'zod';
import { epochMs, isoTime } from '../core/format';
import type { taskTimeInStatusOutput } from './task-homes.schemas';

type TaskTimes = z.input<typeof taskTimeInStatusOutput>['tasks'][number];

const MINUTE = 60_000;
const UNITS: readonly [suffix: string, minutes: number][] = [
  ['d', 24 * 60],
  ['h', 60],
  ['m', 1],
];

/** Whole minutes as the two largest units an agent reads at a glance: `2d 3h`, `3h 5m`, `45m`, `0m`. */
export function readableMinutes(minutes: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(minutes));
  for (const [suffix, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (suffix === 'm' && parts.length === 0)) parts.push(`${n}${suffix}`);
  }
  return parts.slice(0, 2).join(' ');
}

/** ClickUp counts time in status in whole minutes; the agent gets ms and the readable form. */
function spent(status: string, byMinute: number | null) {
  const minutes = byMinute ?? 0;
  return { status, time_ms: minutes * MINUTE, time: readableMinutes(minutes) };
}

export function toTaskTimes(taskId: string, t: TimeInStatus): TaskTimes {
  const current = t.current_status;
  return {
    task_id: taskId,
    current: current
      ? {
          ...spent(current.status, current.total_time.by_minute),
          since_ms: epochMs(current.total_time.since),
          since_iso: isoTime(current.total_time.since),
        }
      : null,
    history: t.status_history.map((h) => spent(h.status, h.total_time.by_minute)),
  };
}
