import type { IncomingMessage } from 'node:http';
import { Errors } from './api-error';
import { parseQuery } from './query';

const MAX_BODY = 5 * 1024 * 1024;

export interface ReadBody {
  /** What the handler sees: parsed JSON, a form as an object, or undefined. */
  parsed: unknown;
  /** What the request log shows. */
  logged: unknown;
  invalidJson: boolean;
}

const EMPTY: ReadBody = { parsed: undefined, logged: null, invalidJson: false };

/** GETs without a body skip the stream entirely, which matters on the benchmark path. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** `asJson` parses the body as JSON whatever its content type (the sandbox controls, driven by curl). */
export function readBody(req: IncomingMessage, asJson = false): Promise<ReadBody> {
  if (!hasBody(req)) return Promise.resolve(EMPTY);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(parse(text, asJson ? 'application/json' : String(req.headers['content-type'] ?? '')));
    });
  });
}

function parse(text: string, contentType: string): ReadBody {
  if (text.trim() === '') return EMPTY;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const form = parseQuery(text);
    return { parsed: form, logged: form, invalidJson: false };
  }
  try {
    const json: unknown = JSON.parse(text);
    return { parsed: json, logged: json, invalidJson: false };
  } catch {
    return {
      parsed: undefined,
      logged: text,
      invalidJson: contentType.includes('json') || contentType === '',
    };
  }
}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The request body as an object; an absent body reads as `{}`. */
export function bodyObject(body: unknown): Json {
  if (body === undefined) return {};
  if (!isObject(body)) throw Errors.invalid('Request body must be a JSON object');
  return body;
}

/** Typed field readers: each answers 400 with the field's name when the type is wrong. */
export const field = {
  string(b: Json, key: string): string | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw Errors.invalid(`${key} must be a string`);
    return v;
  },
  requiredString(b: Json, key: string, err: string, ecode: string): string {
    const v = b[key];
    if (typeof v !== 'string' || v.trim() === '') throw Errors.invalid(err, ecode);
    return v;
  },
  bool(b: Json, key: string): boolean | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw Errors.invalid(`${key} must be a boolean`);
  },
  /** Integers may arrive as numeric strings (form posts, lenient clients). */
  int(b: Json, key: string): number | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw Errors.invalid(`${key} must be an integer`);
    return n;
  },
  number(b: Json, key: string): number | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw Errors.invalid(`${key} must be a number`);
    return n;
  },
  /** Present-and-null is distinct from absent for fields that can be cleared (priority, due_date). */
  nullableInt(b: Json, key: string): number | null | undefined {
    if (!(key in b)) return undefined;
    if (b[key] === null) return null;
    return field.int(b, key);
  },
  intArray(b: Json, key: string): number[] | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw Errors.invalid(`${key} must be an array`);
    return v.map((x) => {
      const n = typeof x === 'string' ? Number(x) : x;
      if (typeof n !== 'number' || !Number.isInteger(n))
        throw Errors.invalid(`${key} must hold integer user ids`);
      return n;
    });
  },
  stringArray(b: Json, key: string): string[] | undefined {
    const v = b[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw Errors.invalid(`${key} must be an array of strings`);
    return v as string[];
  },
};
