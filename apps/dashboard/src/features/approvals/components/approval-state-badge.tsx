import { Badge } from '@/components/ui/badge';
import type { ApprovalState } from '../api/approvals.types';

const STATES: Record<
  ApprovalState,
  { label: string; variant: 'success' | 'warning' | 'destructive' | 'secondary' | 'outline' }
> = {
  pending: { label: 'Pending', variant: 'warning' },
  approved: { label: 'Approved, running', variant: 'secondary' },
  executed: { label: 'Executed', variant: 'success' },
  rejected: { label: 'Rejected', variant: 'destructive' },
  expired: { label: 'Expired', variant: 'outline' },
};

export const STATE_LABELS: Record<ApprovalState, string> = {
  pending: 'Pending',
  approved: 'Approved',
  executed: 'Executed',
  rejected: 'Rejected',
  expired: 'Expired',
};

export function ApprovalStateBadge({ state }: { state: ApprovalState }) {
  const { label, variant } = STATES[state] ?? { label: state, variant: 'secondary' };
  return (
    <Badge variant={variant} data-state={state}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {label}
    </Badge>
  );
}
