import type { CheckpointPolicy } from './checkpoint';

const MINUTE_MS = 60_000;
/** A backlog (a worker that was down, the first run on a long history) is signed over a few runs, not in one. */
export const MAX_CHECKPOINTS_PER_RUN = 500;

/**
 * The seqs to sign now in one chain: every `every_events`-th event after the newest checkpoint, so no two
 * checkpoints are ever further apart than that (verifiers rely on it), and the head itself once `every_minutes`
 * have passed since the newest checkpoint. The first checkpoint of a chain signs its head at once: it covers the
 * history written before signing was turned on. Nothing is due when no event was appended since.
 */
export function dueCheckpointSeqs(
  headSeq: number,
  newest: { seq: number; created_at: string } | null,
  policy: CheckpointPolicy,
  now: Date,
): number[] {
  if (headSeq <= (newest?.seq ?? 0)) return [];
  if (!newest) return [headSeq];
  const due: number[] = [];
  for (let seq = newest.seq + policy.every_events; seq <= headSeq; seq += policy.every_events) {
    if (due.length === MAX_CHECKPOINTS_PER_RUN) return due;
    due.push(seq);
  }
  const signedUpTo = due.at(-1) ?? newest.seq;
  const waited = now.getTime() - Date.parse(newest.created_at);
  if (headSeq > signedUpTo && waited >= policy.every_minutes * MINUTE_MS) due.push(headSeq);
  return due;
}
