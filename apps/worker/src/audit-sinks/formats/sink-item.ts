import type { AuditRecord } from '@gw/audit-chain';
import type { AuditCheckpoint } from '../checkpoint-source';

/** One thing a sink receives, in chain order: an audit event, a checkpoint after its seq, or an admin's test. */
export type SinkItem =
  | { type: 'event'; record: AuditRecord }
  | { type: 'checkpoint'; checkpoint: AuditCheckpoint }
  | { type: 'test'; at: string; sink: string };

/** Events in seq order with each checkpoint placed right after the event it covers up to. */
export function interleave(records: AuditRecord[], checkpoints: AuditCheckpoint[]): SinkItem[] {
  const items: SinkItem[] = [];
  let next = 0;
  for (const record of records) {
    items.push({ type: 'event', record });
    while (next < checkpoints.length && checkpoints[next].seq <= record.seq) {
      items.push({ type: 'checkpoint', checkpoint: checkpoints[next] });
      next += 1;
    }
  }
  return items;
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
