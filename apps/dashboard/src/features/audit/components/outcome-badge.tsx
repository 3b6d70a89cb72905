import { Badge } from '@/components/ui/badge';
import { INTERRUPTED_EXPLANATION, isInterrupted, isPartiallyApplied } from '../api/audit-filters';
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

/**
 * A row's outcome; an ok call whose issues say ClickUp kept less than asked reads "Partially applied", and a call
 * whose process stopped before it answered reads "Interrupted".
 */
export function OutcomeBadge({ outcome, issueCodes = [] }: { outcome: Outcome; issueCodes?: string[] }) {
  if (isInterrupted({ outcome, issue_codes: issueCodes })) {
    return (
      <Badge
        variant="destructive"
        data-outcome={outcome}
        data-interrupted="true"
        title={INTERRUPTED_EXPLANATION}
      >
        Interrupted
      </Badge>
    );
  }
  if (isPartiallyApplied({ outcome, issue_codes: issueCodes })) {
    return (
      <Badge
        variant="warning"
        data-outcome={outcome}
        data-partial="true"
        title="ClickUp accepted the call but did not keep every part of it (NOT_APPLIED)"
      >
        Partially applied
      </Badge>
    );
  }
  const { label, variant } = VARIANTS[outcome] ?? { label: outcome, variant: 'secondary' };
  return (
    <Badge variant={variant} data-outcome={outcome}>
      {label}
    </Badge>
  );
}
