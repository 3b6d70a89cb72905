import { formatDateTime } from '@/lib/format';
import type { CheckpointStatus } from './audit.types';

export interface CheckpointLabel {
  tone: 'success' | 'secondary' | 'warning' | 'destructive';
  text: string;
}

/** The badge for the checkpoint state: what a reader must notice first is whether history is signed at all. */
export function checkpointLabel(status: CheckpointStatus): CheckpointLabel {
  const latest = status.latest;
  switch (status.state) {
    case 'current':
      return latest
        ? {
            tone: 'success',
            text: `Signed to #${latest.seq} · ${formatDateTime(latest.created_at)} · key ${latest.key_id}`,
          }
        : { tone: 'secondary', text: 'First checkpoint pending' };
    case 'pending':
      return { tone: 'secondary', text: 'First checkpoint pending' };
    case 'off':
      return { tone: 'warning', text: 'Checkpoints off' };
    case 'overdue':
      return { tone: 'destructive', text: `Checkpoints overdue since #${latest?.seq ?? 0}` };
  }
}
