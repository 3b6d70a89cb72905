import { Badge } from '@/components/ui/badge';
import type { Outcome } from '../api/audit.types';

const VARIANTS: Record<
  Outcome,
  { label: string; variant: 'success' | 'warning' | 'destructive' | 'secondary' }
> = {
  ok: { label: 'OK', variant: 'success' },
  denied: { label: 'Denied', variant: 'destructive' },
  error: { label: 'Error', variant: 'warning' },
  queued: { label: 'Queued', variant: 'secondary' },
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { label, variant } = VARIANTS[outcome] ?? { label: outcome, variant: 'secondary' };
  return (
    <Badge variant={variant} data-outcome={outcome}>
      {label}
    </Badge>
  );
}
