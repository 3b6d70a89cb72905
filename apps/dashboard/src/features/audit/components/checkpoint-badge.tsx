'use client';

import { ShieldOff, Signature } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { formatNumber } from '@/lib/format';
import { checkpointLabel } from '../api/checkpoint-label';
import { useCheckpointStatus } from '../api/use-audit';

/**
 * Whether the audit chain is signed: the newest checkpoint (seq, time, key id), or that checkpoints are off or
 * stopped, so an operator sees that a rewrite of the history in the database would go unnoticed.
 */
export function CheckpointBadge({ enabled }: { enabled: boolean }) {
  const status = useCheckpointStatus(enabled);
  if (status.error || !status.data) return null;
  const label = checkpointLabel(status.data);
  const waiting = status.data.uncovered_events;
  const title =
    status.data.state === 'current' && waiting > 0
      ? `${status.data.message} ${formatNumber(waiting)} newer events wait for the next checkpoint.`
      : status.data.message;
  return (
    <span aria-live="polite" data-testid="checkpoint-badge" className="inline-flex">
      <Badge variant={label.tone} title={title}>
        {label.tone === 'warning' || label.tone === 'destructive' ? (
          <ShieldOff aria-hidden />
        ) : (
          <Signature aria-hidden />
        )}
        {label.text}
      </Badge>
    </span>
  );
}
