import type { CallJournal } from './tool-call-job';

/**
 * A cancel of a queued tool call travels in the job's log, not its data: the worker rewrites the data (the call's
 * journal) while an attempt runs, and a concurrent rewrite by the api could roll a journaled write back, which
 * would send it twice. Log lines are appended atomically and never rewritten.
 *
 * `requested`: the client asked; the worker honours it at the start of an attempt while nothing has been written.
 * `confirmed`: written once the job was seen waiting or delayed after the request, with nothing written: from
 * then on no attempt can start without seeing the request, so the call is cancelled whatever comes next.
 */
export type CancelStage = 'requested' | 'confirmed';

export interface CancelLine {
  cancel: CancelStage;
  at: number;
  /** Who asked: `mcp:{server_id}` for a `tasks/cancel`. */
  by: string;
}

/** The cancel a job's log records, if any. */
export interface CancelRecord {
  requestedAt: number;
  by: string;
  confirmed: boolean;
}

/** The `by` of a cancel line written when a pause is lifted with its held calls discarded. */
export const pauseDiscard = (pauseId: string) => `pause:${pauseId}`;

/** How a cancelled call's end is told: at its client's request, or discarded when its pause was lifted. */
export function cancelledMessage(by: string | undefined): string {
  const pause = by?.startsWith('pause:') ? by.slice('pause:'.length) : null;
  return pause
    ? `Discarded when pause ${pause} was lifted, before it changed anything in ClickUp.`
    : "Cancelled at its client's request before it changed anything in ClickUp.";
}

export function cancelLine(stage: CancelStage, by: string, at = Date.now()): string {
  const line: CancelLine = { cancel: stage, at, by };
  return JSON.stringify(line);
}

/** Reads the cancel lines of a job's log; other lines are ignored. */
export function cancelOf(logs: readonly string[]): CancelRecord | null {
  let record: CancelRecord | null = null;
  for (const text of logs) {
    const line = parseLine(text);
    if (!line) continue;
    record ??= { requestedAt: line.at, by: line.by, confirmed: false };
    if (line.cancel === 'confirmed') record.confirmed = true;
  }
  return record;
}

/**
 * Whether the call can still be cancelled without leaving it half done or hiding a change: no write of it is done,
 * and none may have been applied (sent, then no answer or a 5xx). A write refused outright (429, 4xx) changed nothing.
 */
export function cancellable(journal: CallJournal): boolean {
  return journal.writes.every((write) => write.state === 'not_applied');
}

function parseLine(text: string): CancelLine | null {
  if (!text.startsWith('{"cancel"')) return null;
  try {
    const value = JSON.parse(text) as Partial<CancelLine>;
    if ((value.cancel !== 'requested' && value.cancel !== 'confirmed') || typeof value.at !== 'number')
      return null;
    return { cancel: value.cancel, at: value.at, by: typeof value.by === 'string' ? value.by : 'unknown' };
  } catch {
    return null;
  }
}
