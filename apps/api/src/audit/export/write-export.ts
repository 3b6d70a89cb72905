import type { AuditRecord } from '@gw/audit-chain';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { RecordSink } from '../query/record-stream';

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
  'trace_id',
  'arguments',
  'session_id',
  'organization_id',
  'prev_hash',
  'hash',
  // Added after the columns above were in use: appended, so a script that reads columns by position still works.
  'actor_user_id',
  'actor_email',
  'oauth_client_id',
  'clickup_user_id',
];

/** Lines are handed to the socket in chunks of about this size. */
const CHUNK_CHARS = 64 * 1024;

/** Where the export's records come from: called once with the sink the export fills. */
export type RecordSource = (sink: RecordSink) => Promise<void>;

/**
 * Streams records to the client as they arrive from the database. Lines are gathered into chunks and written at
 * once; between database batches the export waits for the socket to drain, so neither the heap nor the socket
 * buffer grows with the size of the export.
 */
export async function writeExport(
  reply: FastifyReply,
  format: 'csv' | 'jsonl',
  source: RecordSource,
): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="audit-events-${stamp}.${format}"`,
    'cache-control': 'no-store',
  });
  let chunk = format === 'csv' ? CSV_COLUMNS.join(',') + '\n' : '';
  const flush = () => {
    if (chunk) res.write(chunk);
    chunk = '';
  };
  try {
    await source({
      onRecord: (record) => {
        chunk +=
          (format === 'csv' ? CSV_COLUMNS.map((c) => csvCell(record[c])).join(',') : JSON.stringify(record)) +
          '\n';
        if (chunk.length >= CHUNK_CHARS) flush();
        return !res.destroyed;
      },
      between: async () => {
        flush();
        if (res.writableNeedDrain) await drained(res);
      },
    });
    flush();
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/** Resolves when the socket drains or goes away (a client that hangs up must not leave the export waiting). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run agent text as formulas. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
