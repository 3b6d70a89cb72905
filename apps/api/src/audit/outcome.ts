import type { AuditRecord } from '@gw/audit-chain';
import type { Envelope } from '@gw/mcp-tools';

/** How a tool's envelope reads in the audit log. */
export function outcomeOf(envelope: Envelope): {
  outcome: AuditRecord['outcome'];
  issueCodes: string[];
  upstreamStatus: number | null;
  jobId: string | null;
} {
  const issueCodes = envelope.issues.map((i) => i.code);
  const queued = envelope.issues.find((i) => i.queued);
  const outcome = envelope.ok
    ? 'ok'
    : queued
      ? 'queued'
      : issueCodes.includes('FORBIDDEN') || issueCodes.includes('AUTH_ERROR')
        ? 'denied'
        : 'error';
  return {
    outcome,
    issueCodes,
    upstreamStatus: envelope.issues.find((i) => i.upstream_status !== undefined)?.upstream_status ?? null,
    jobId: queued?.job_id ?? null,
  };
}
