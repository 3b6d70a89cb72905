import type { AuditRecord } from '@gw/audit-chain';

/**
 * What the audit log reads of a tool's envelope: the api's inline answers and the worker's queued ones have this
 * shape (the catalog's `Envelope`, the job result's `envelope`), so one rule classifies both.
 */
export interface AuditedEnvelope {
  ok: boolean;
  issues: readonly {
    code: string;
    upstream_status?: number;
    queued?: boolean;
    job_id?: string;
    approval_id?: string;
  }[];
}

export interface EnvelopeOutcome {
  outcome: AuditRecord['outcome'];
  issueCodes: string[];
  upstreamStatus: number | null;
  jobId: string | null;
}

/**
 * Refusals by the gateway's scope rules, by ClickUp's credential check, or for want of the caller's own linked
 * ClickUp account, as opposed to failures.
 */
const DENIAL_CODES = new Set(['FORBIDDEN', 'AUTH_ERROR', 'CLICKUP_ACCOUNT_NOT_LINKED']);

/**
 * How a tool's envelope reads in the audit log. A call held for a person's approval is queued too: its row carries
 * the approval's id as `job_id`, the id of the job that will run it once approved.
 */
export function outcomeOf(envelope: AuditedEnvelope): EnvelopeOutcome {
  const issueCodes = envelope.issues.map((i) => i.code);
  const held = envelope.issues.find((i) => i.code === 'APPROVAL_REQUIRED' && i.approval_id);
  const queued = envelope.issues.find((i) => i.queued) ?? held;
  const outcome = envelope.ok
    ? 'ok'
    : queued
      ? 'queued'
      : issueCodes.some((code) => DENIAL_CODES.has(code))
        ? 'denied'
        : 'error';
  return {
    outcome,
    issueCodes,
    upstreamStatus: envelope.issues.find((i) => i.upstream_status !== undefined)?.upstream_status ?? null,
    jobId: queued?.job_id ?? queued?.approval_id ?? null,
  };
}
