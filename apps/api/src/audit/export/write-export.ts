import type { AuditRecord } from '@gw/audit-chain';
import type { FastifyReply } from 'fastify';
import { once } from 'node:events';

const CSV_COLUMNS: (keyof AuditRecord)[] = [
  'seq',
  'at',
  'id',
  'actor',
  'action',
  'tool',
  'outcome',
  'issue_codes',
  'server_id',
  'team_id',
  'client_name',
  'client_version',
  'ip',
  'user_agent',
  'upstream_status',
  'duration_ms',
  'job_id',
  'request_id',
  'arguments',
  'session_id',
  'organization_id',
  'prev_hash',
  'hash',
];

/** Streams records to the client with backpressure, so memory stays flat however many rows are exported. */
export async function writeExport(
  reply: FastifyReply,
  format: 'csv' | 'jsonl',
  records: AsyncIterable<AuditRecord>,
): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="audit-events-${stamp}.${format}"`,
    'cache-control': 'no-store',
  });
  if (format === 'csv') res.write(CSV_COLUMNS.join(',') + '\n');
  try {
    for await (const record of records) {
      const line =
        format === 'csv' ? CSV_COLUMNS.map((c) => csvCell(record[c])).join(',') : JSON.stringify(record);
      if (!res.write(line + '\n')) await once(res, 'drain');
      if (res.destroyed) return;
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run agent text as formulas. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
