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

/** The record as the receiver gets it: every field of the chain's row, plus its kind. */
export function itemJson(item: SinkItem): Record<string, unknown> {
  if (item.type === 'event') return { type: 'event', ...item.record };
  if (item.type === 'checkpoint') return { type: 'checkpoint', ...item.checkpoint };
  return { type: 'test', at: item.at, sink: item.sink, message: 'Test message from the audit sink' };
}
