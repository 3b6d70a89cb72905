import type { AuditRecord } from '@gw/audit-chain';
import type { AuditCheckpoint } from '../checkpoint-source';

/** One thing a sink receives, in chain order: an audit event, a checkpoint after its seq, or an admin's test. */
export type SinkItem =
  | { type: 'event'; record: AuditRecord }
  | { type: 'checkpoint'; checkpoint: AuditCheckpoint }
  | { type: 'test'; at: string; sink: string };

/**
 * Events in seq order with each checkpoint placed right after the event it covers. A checkpoint made after its events
 * were delivered (its seq below the first event here) leads the batch: it still comes after the event it covers.
 */
export function interleave(records: AuditRecord[], checkpoints: AuditCheckpoint[]): SinkItem[] {
  const items: SinkItem[] = [];
  let next = 0;
  const takeUpTo = (seq: number) => {
    while (next < checkpoints.length && checkpoints[next].seq <= seq) {
      items.push({ type: 'checkpoint', checkpoint: checkpoints[next] });
      next += 1;
    }
  };
  takeUpTo((records[0]?.seq ?? Infinity) - 1);
  for (const record of records) {
    items.push({ type: 'event', record });
    takeUpTo(record.seq);
  }
  return items;
}

/** When the item happened: the event's or the checkpoint's time, or when the test was asked for. */
export function itemTime(item: SinkItem): string {
  if (item.type === 'event') return item.record.at;
  return item.type === 'checkpoint' ? item.checkpoint.created_at : item.at;
}

/**
 * What a message carries: an event exactly as the chain holds it (so a receiver verifies the stored stream as it
 * would an export), a checkpoint as its source gave it, or the test's own fields. Syslog says which by MSGID, OTLP by
 * the `gateway.audit.type` attribute.
 */
export function itemBody(item: SinkItem): Record<string, unknown> {
  if (item.type === 'event') return { ...item.record };
  if (item.type === 'checkpoint') return { ...item.checkpoint };
  return { at: item.at, sink: item.sink, message: 'Test message from the audit sink' };
}

/** A webhook batch's item: its kind, and the body under a key of that name (`event`, `checkpoint`, `test`). */
export function itemEnvelope(item: SinkItem): Record<string, unknown> {
  return { type: item.type, [item.type]: itemBody(item) };
}
