import type { IncomingHttpHeaders } from 'node:http';
import type { Query } from '../http/query';

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Query;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

const CAP = 10_000;

/** Masks a credential but keeps enough to tell a raw personal token from `Bearer …`. */
export function maskAuthorization(value: string): string {
  const bearer = /^bearer\s+/i.exec(value);
  const token = bearer ? value.slice(bearer[0].length) : value;
  return `${bearer ? 'Bearer ' : ''}${token.slice(0, 4)}…(masked)`;
}

/** A request as recorded on the hot path; formatting waits until someone reads the log. */
export interface RecordedRequest {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Query;
  rawHeaders: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

/** What ClickUp would have received, newest last; the oldest entries drop past 10,000. */
export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  record(
    method: string,
    path: string,
    query: Query,
    rawHeaders: IncomingHttpHeaders,
    body: unknown,
  ): RecordedRequest {
    const entry: RecordedRequest = {
      seq: ++this.seq,
      atMs: Date.now(),
      method,
      path,
      query,
      rawHeaders,
      body,
      status: 0,
    };
    this.entries.push(entry);
    if (this.entries.length > CAP * 2) this.entries = this.entries.slice(-CAP);
    return entry;
  }

  since(seq: number): LoggedRequest[] {
    return this.entries
      .slice(-CAP)
      .filter((e) => e.seq > seq)
      .map(format);
  }

  clear(): void {
    this.entries = [];
  }
}

function format(e: RecordedRequest): LoggedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(e.rawHeaders)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? maskAuthorization(text) : text;
  }
  const { seq, method, path, query, body, status } = e;
  return { seq, at: new Date(e.atMs).toISOString(), method, path, query, headers, body, status };
}
