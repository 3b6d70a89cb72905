'use client';

import { LoaderCircle, ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { formatNumber } from '@/lib/format';
import { useChainVerdict } from '../api/use-audit';

/** Whether the hash chain of the organization's audit log is intact (checked by the api over every row). */
export function ChainBadge({ enabled }: { enabled: boolean }) {
  const verdict = useChainVerdict(enabled);
  return (
    <span aria-live="polite" data-testid="chain-badge" className="inline-flex">
      {verdict.error ? (
        <Badge variant="secondary" title={verdict.error.message}>
          <ShieldQuestion aria-hidden />
          Chain not checked
        </Badge>
      ) : !verdict.data ? (
        <Badge variant="secondary">
          <LoaderCircle aria-hidden className="animate-spin" />
          Verifying chain…
        </Badge>
      ) : verdict.data.ok ? (
        <Badge
          variant="success"
          title="Every event links to the one before it by SHA-256; none was changed, removed or moved."
        >
          <ShieldCheck aria-hidden />
          Chain verified · {formatNumber(verdict.data.checked)} events
        </Badge>
      ) : (
        <Badge variant="destructive" title={verdict.data.reason}>
          <ShieldAlert aria-hidden />
          Chain broken after {formatNumber(verdict.data.checked)} events
          {verdict.data.reason ? `: ${verdict.data.reason}` : ''}
        </Badge>
      )}
    </span>
  );
}
