import type { AuditRecord } from './audit-record';
import {
  parseCheckpoint,
  type CheckpointPolicy,
  type SignedCheckpoint,
  type TrustedKeys,
} from './checkpoint';
import { CheckpointAuditor, type CheckpointAuditReport } from './checkpoint-auditor';

/**
 * Where an archive of a purged range goes, relative to the archive directory or bucket prefix: one folder per
 * organization, file names that sort by seq.
 */
export function archiveName(organizationId: string, firstSeq: number, lastSeq: number): string {
  const pad = (n: number) => String(n).padStart(12, '0');
  return `${organizationId}/${pad(firstSeq)}-${pad(lastSeq)}.jsonl.gz`;
}

/** One line of an archive: an event in the export format, or (after the events) a checkpoint covering them. */
export function archiveLine(item: AuditRecord | SignedCheckpoint): string {
  return `${JSON.stringify(item)}\n`;
}

export interface ArchiveAuditReport extends CheckpointAuditReport {
  organization_id: string | null;
  first_seq: number | null;
  last_seq: number | null;
  checkpoints: number;
}

export class ArchiveFormatError extends Error {
  override name = 'ArchiveFormatError';
}

/**
 * Verifies an archive: the events link to each other from the first (whose predecessor was purged earlier), each
 * checkpoint is signed by a trusted key and matches the event at its seq, and the checkpoints are as frequent as
 * they promised. `open` is called twice: once to read the checkpoints, once to walk the events.
 */
export async function auditArchive(
  open: () => AsyncIterable<string>,
  options: { trusted: TrustedKeys; defaultPolicy: CheckpointPolicy; slackMinutes?: number },
): Promise<ArchiveAuditReport> {
  const checkpoints: SignedCheckpoint[] = [];
  let organizationId: string | null = null;
  let lineNumber = 0;
  for await (const line of open()) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const value = parseLine(line, lineNumber);
    if (value['type'] === 'checkpoint') {
      const checkpoint = parseCheckpoint(value);
      if (!checkpoint) throw new ArchiveFormatError(`line ${lineNumber} is a malformed checkpoint`);
      checkpoints.push(checkpoint);
    } else {
      if (typeof value['organization_id'] !== 'string' || typeof value['hash'] !== 'string') {
        throw new ArchiveFormatError(`line ${lineNumber} is neither an audit event nor a checkpoint`);
      }
      organizationId ??= value['organization_id'];
      if (value['organization_id'] !== organizationId) {
        throw new ArchiveFormatError(
          `line ${lineNumber} belongs to another organization than the lines before it`,
        );
      }
    }
  }
  const auditor = new CheckpointAuditor(organizationId ?? '', checkpoints, {
    trusted: options.trusted,
    anchor: 'first',
    coverage: 'full',
    defaultPolicy: options.defaultPolicy,
    slackMinutes: options.slackMinutes,
  });
  let first: number | null = null;
  let last: number | null = null;
  lineNumber = 0;
  for await (const line of open()) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const value = parseLine(line, lineNumber);
    if (value['type'] === 'checkpoint') continue;
    const record = value as unknown as AuditRecord;
    first ??= Number(record.seq);
    last = Number(record.seq);
    auditor.next(record);
  }
  const foreign = checkpoints.filter((c) => c.organization_id !== organizationId).length;
  const report = auditor.finish();
  if (foreign > 0) {
    report.findings.push({
      kind: 'untrusted',
      message: `${foreign} checkpoint(s) belong to another organization than the archive's events`,
    });
    report.ok = false;
  }
  return {
    ...report,
    organization_id: organizationId,
    first_seq: first,
    last_seq: last,
    checkpoints: checkpoints.length,
  };
}

function parseLine(line: string, lineNumber: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArchiveFormatError(`line ${lineNumber} is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ArchiveFormatError(`line ${lineNumber} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
