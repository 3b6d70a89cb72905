'use client';

import { useApprovalSummary } from '../api/use-approvals';

/** The navigation's count of requests the signed-in person may decide now; nothing when there is none. */
export function ApprovalsNavCount() {
  const summary = useApprovalSummary();
  const count = summary.data?.pending_for_me ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="approvals-nav-count"
      className="ml-auto min-w-5 rounded-full bg-primary px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums text-primary-foreground"
    >
      {count > 99 ? '99+' : count}
      <span className="sr-only"> waiting for you</span>
    </span>
  );
}
