import type { AuditRecord } from '@gw/audit-chain';
import { inSpan, SPANS } from '@gw/tracing';

/**
 * An audit row's append in its `audit.append` span: the action and outcome it records and the `seq` the chain gave
 * it, never its arguments. The api's group commit and the worker's transaction both run inside one, so the wait
 * for a commit shows in the trace of the request that waited.
 */
export function appendSpan(
  record: Pick<AuditRecord, 'action' | 'outcome'>,
  append: () => Promise<AuditRecord>,
): Promise<AuditRecord> {
  return inSpan(SPANS.auditAppend, {}, async (span) => {
    if (span.isRecording()) {
      span.setAttributes({ 'gateway.audit.action': record.action, 'gateway.audit.outcome': record.outcome });
    }
    const written = await append();
    if (span.isRecording()) span.setAttribute('gateway.audit.seq', written.seq);
    return written;
  });
}
