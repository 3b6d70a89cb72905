import type { SinkItem } from './sink-item';
import { itemEnvelope } from './sink-item';

/** The JSON a webhook sink receives: the sink, the range of seq it covers, and the items in order. */
export function webhookBatch(
  sink: { id: string; name: string; organizationId: string },
  items: SinkItem[],
): { body: string; firstSeq: number | null; lastSeq: number | null } {
  const seqs = items.flatMap((item) => (item.type === 'event' ? [item.record.seq] : []));
  const firstSeq = seqs[0] ?? null;
  const lastSeq = seqs.at(-1) ?? null;
  const body = JSON.stringify({
    sink: { id: sink.id, name: sink.name },
    organization_id: sink.organizationId,
    first_seq: firstSeq,
    last_seq: lastSeq,
    items: items.map(itemEnvelope),
  });
  return { body, firstSeq, lastSeq };
}
