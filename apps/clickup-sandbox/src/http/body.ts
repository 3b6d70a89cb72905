import type { IncomingMessage } from 'node:http';
import { Errors } from './api-error';
import { parseQuery } from './query';

const MAX_BODY = 5 * 1024 * 1024;
/** Uploads are larger than JSON bodies: room for a 10 MB file and its multipart framing, and some over. */
export const MAX_MULTIPART_BODY = 32 * 1024 * 1024;

/** One file part of a multipart/form-data body. */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body, read whole before the (synchronous) handler runs. */
export class MultipartBody {
  constructor(
    readonly fields: Readonly<Record<string, string>>,
    readonly files: readonly UploadedFile[],
    /** The body passed MAX_MULTIPART_BODY: its parts were not read. */
    readonly tooLarge = false,
    /** The body could not be read as multipart (no boundary, broken framing). */
    readonly malformed = false,
  ) {}

  /** What the request log shows: the parts' names and sizes, never the bytes. */
  get logged(): unknown {
    return {
      fields: this.fields,
      files: this.files.map((f) => ({ field: f.field, name: f.name, type: f.type, size: f.bytes.length })),
      ...(this.tooLarge ? { too_large: true } : {}),
    };
  }
}

/** Parses multipart/form-data with Node's own Request.formData(), as a server on the web platform would. */
async function parseMultipart(bytes: Buffer, contentType: string): Promise<MultipartBody> {
  try {
    const form = await new Request('http://sandbox.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: bytes,
    }).formData();
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') fields[field] = value;
      else
        files.push({
          field,
          name: value.name,
          type: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
    }
    return new MultipartBody(fields, files);
  } catch {
    return new MultipartBody({}, [], false, true);
  }
}

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
  const contentType = String(req.headers['content-type'] ?? '');
  const multipart = !asJson && contentType.toLowerCase().startsWith('multipart/form-data');
  const max = multipart ? MAX_MULTIPART_BODY : MAX_BODY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (multipart) {
        const read =
          size > max
            ? Promise.resolve(new MultipartBody({}, [], true))
            : parseMultipart(Buffer.concat(chunks), contentType);
        void read.then((body) => resolve({ parsed: body, logged: body.logged, invalidJson: false }), reject);
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(parse(text, asJson ? 'application/json' : contentType));
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
  if (body instanceof MultipartBody) throw Errors.invalid('Request body must be a JSON object');
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
