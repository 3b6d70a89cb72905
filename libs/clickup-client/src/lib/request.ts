import { ClickUpError } from './http/errors';
import type { OperationName } from './schemas/response-schemas';

export type ApiVersion = 'v2' | 'v3';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | string[];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One ClickUp call as plain data: what a builder returns, what the transport executes and what the retry
 * queue stores in a job and replays later. `path` is relative to `/api/{version}` and has its ids encoded;
 * array query values go out as `key[]=v`.
 */
export interface ClickUpRequest<Op extends OperationName = OperationName> {
  operation: Op;
  method: HttpMethod;
  version: ApiVersion;
  path: string;
  query: Record<string, QueryValue>;
  /**
   * Array query parameters ClickUp reads as the plain key repeated (`task_ids=a&task_ids=b`) rather than `key[]`:
   * the few its spec declares as an exploded string.
   */
  repeatedKeys?: readonly string[];
  body?: JsonValue;
  /** A multipart/form-data body (file uploads) instead of JSON; plain data, so a queued upload replays whole. */
  form?: MultipartForm;
}

/** One file of a multipart body, its bytes as base64 so the request stays plain data. */
export interface FormFile {
  /** The form field ClickUp reads the file from (`attachment`). */
  field: string;
  file_name: string;
  mime_type: string;
  content_base64: string;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: FormFile[];
}

// `.` and `..` are dot segments: URL parsers resolve them (encoded or not), so `/task/..` would reach another
// endpoint. `/`, `\` and `%` have no place in a ClickUp id, and control characters none in a URL.
const UNSAFE_ID_CHARACTERS = new Set(['/', '\\', '%']);

function isUnsafeIdCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return UNSAFE_ID_CHARACTERS.has(character) || code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Whether a ClickUp id can stand as one path segment: not empty, not `.`/`..`, no `/`, `\`, `%` or control character. */
export function isSafeClickUpId(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && ![...id].some(isUnsafeIdCharacter);
}

/** A path segment that is free text (a tag name), not an id: any character is encoded, only dot segments refused. */
export class PathText {
  constructor(readonly value: string) {}
}

export const pathText = (value: string): PathText => new PathText(value);

/**
 * Path template tag: interpolated values are URL-encoded as one path segment each. An id that is not safe as a
 * segment is refused before any request exists: encoding alone leaves `.` and `..` as they are.
 */
export function path(strings: TemplateStringsArray, ...ids: Array<string | number | PathText>): string {
  if (!learnedTemplates.has(strings)) learnLiteralSegments(strings);
  return strings.reduce((out, part, i) => (i < ids.length ? out + part + segment(ids[i]) : out + part), '');
}

function segment(value: string | number | PathText): string {
  if (value instanceof PathText) {
    if (value.value === '' || value.value === '.' || value.value === '..') {
      throw ClickUpError.invalidInput('A name sent in a ClickUp path cannot be empty, "." or "..".');
    }
    return encodeURIComponent(value.value);
  }
  const id = String(value);
  if (!isSafeClickUpId(id)) {
    throw ClickUpError.invalidInput(
      'Not a ClickUp id: an id is never empty, "." or "..", and holds no /, \\, % or control character.',
    );
  }
  return encodeURIComponent(id);
}

type QueryInput = Record<
  string,
  string | number | boolean | ReadonlyArray<string | number> | undefined | null
>;

/** Query values as ClickUp reads them: booleans `true`/`false`, numbers in decimal, absent values dropped. */
export function query(input: QueryInput): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.map(String);
    } else {
      out[key] = String(value);
    }
  }
  return out;
}

/** Drops keys whose value is `undefined`, so a request body only carries what the caller set. */
export function compact<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * The query string the transport sends: `key=v`, and `key[]=v` once per element of an array value (`key=v` for
 * the `repeatedKeys`).
 */
export function encodeQuery(
  queryParams: Record<string, QueryValue>,
  repeatedKeys: readonly string[] = [],
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(queryParams)) {
    if (Array.isArray(value)) {
      const name = repeatedKeys.includes(key) ? encodeURIComponent(key) : `${encodeURIComponent(key)}[]`;
      for (const item of value) parts.push(`${name}=${encodeURIComponent(item)}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

// The fixed words of every path template a request builder has used (`task`, `time_entries`, `current`...), learnt
// once per template as its builder first runs, so a sent path can be told apart into its words and its ids.
const learnedTemplates = new WeakSet<TemplateStringsArray>();
const literalSegments = new Set<string>();

function learnLiteralSegments(strings: TemplateStringsArray): void {
  learnedTemplates.add(strings);
  for (const part of strings) for (const word of part.split('/')) if (word) literalSegments.add(word);
}

/**
 * `/api/v2/task/{id}/tag/{id}`: a request's route without its ids and names, for traces, where the raw path would
 * put a workspace's ids (and tag names) into every span and make each route its own series.
 */
export function requestUrlTemplate(request: Pick<ClickUpRequest, 'version' | 'path'>): string {
  const words = request.path
    .split('/')
    .map((word) => (word === '' || literalSegments.has(word) ? word : '{id}'));
  return `/api/${request.version}${words.join('/')}`;
}

/** `/api/v2/task/abc?include_subtasks=true`: the origin-relative URL of a request. */
export function requestUrlPath(
  request: Pick<ClickUpRequest, 'version' | 'path' | 'query' | 'repeatedKeys'>,
): string {
  return `/api/${request.version}${request.path}${encodeQuery(request.query, request.repeatedKeys)}`;
}
