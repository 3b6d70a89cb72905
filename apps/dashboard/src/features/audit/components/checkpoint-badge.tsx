'use client';

import { ShieldOff, Signature } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useCheckpointStatus } from '../api/use-audit';

/**
 * Whether the audit chain is signed: the newest checkpoint (seq, time, key id), or that checkpoints are off or
 * stopped, so an operator sees that a rewrite of the history in the database would go unnoticed.
 */
export function CheckpointBadge({ enabled }: { enabled: boolean }) {
  const status = useCheckpointStatus(enabled);
  const data = status.data;
  if (status.error || !data) return null;
  const latest = data.latest;
  return (
    <span aria-live="polite" data-testid="checkpoint-badge" className="inline-flex">
      {data.state === 'current' && latest ? (
        <Badge
          variant="success"
          title={`${data.message} Signed ${formatDateTime(latest.created_at)}; ${formatNumber(data.uncovered_events)} newer events wait for the next checkpoint.`}
        >
          <Signature aria-hidden />
          Signed to #{latest.seq} · {formatDateTime(latest.created_at)} · key {latest.key_id}
        </Badge>
      ) : data.state === 'pending' ? (
        <Badge variant="secondary" title={data.message}>
          <Signature aria-hidden />
          First checkpoint pending
        </Badge>
      ) : (
        <Badge variant={data.state === 'off' ? 'warning' : 'destructive'} title={data.message}>
          <ShieldOff aria-hidden />
          {data.state === 'off' ? 'Checkpoints off' : `Checkpoints overdue since #${latest?.seq}`}
        </Badge>
      )}
    </span>
  );
}
