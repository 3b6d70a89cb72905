import { defined } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const SPEC_DIR =
  process.env['CLICKUP_SPEC_DIR'] ?? join(__dirname, '..', '..', '..', 'spec', 'clickup');

type Json = Record<string, unknown>;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

/** Follows a JSON pointer (as the spec's own `$ref`s write it) inside a document. */
export function at(doc: unknown, pointer: string): Json {
  let node: unknown = doc;
  for (const raw of pointer.replace(/^#?\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Json)[key];
    if (node === undefined) throw new Error(`no ${pointer} in the spec`);
  }
  return node as Json;
}

export type Erratum =
  | {
      /** JSON pointer into the spec document; the schema there is replaced. */
      pointer: string;
      schema: Json | ((original: Json) => Json);
      why: string;
    }
  | {
      /** `METHOD /path status`: answers of this operation validate against `schema` instead, leaving the document intact. */
      op: string;
      schema: Json;
      why: string;
    };

/**
 * Validates answers against the response schema of an operation in ClickUp's OpenAPI file, with
 * `$ref`s resolved inside the document. Errata patch the few places where the spec contradicts its
 * own examples; each says why.
 */
export class SpecValidator {
  private readonly ajv: Ajv | Ajv2020;
  private readonly overrides = new Map<string, string>();
  readonly doc: Json;

  constructor(
    file: string,
    private readonly version: 'v2' | 'v3',
    errata: Erratum[] = [],
  ) {
    this.doc = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as Json;
    const added: Json[] = [];
    for (const e of errata) {
      if ('op' in e) {
        this.overrides.set(e.op, `#/x-sandbox-errata/${added.length}`);
        added.push(e.schema);
        continue;
      }
      const parts = e.pointer.split('/');
      const key = decodeURIComponent(defined(parts.pop())).replace(/~1/g, '/').replace(/~0/g, '~');
      const parent = at(this.doc, parts.join('/'));
      parent[key] = typeof e.schema === 'function' ? e.schema(parent[key] as Json) : e.schema;
    }
    this.doc['x-sandbox-errata'] = added;
    // v2 is OpenAPI 3.1 (JSON Schema 2020-12); v3 is OpenAPI 3.0, whose `nullable` Ajv's draft-07 mode knows.
    this.ajv =
      version === 'v2'
        ? new Ajv2020({ strict: false, allErrors: true })
        : new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // v3 Chat's message and description text: markdown or plain text, any string.
    this.ajv.addFormat('RichText', true);
    this.ajv.addSchema({ ...this.doc, $id: `spec-${version}` });
  }

  responsePointer(method: string, path: string, status: number): string {
    return `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  }

  hasResponseSchema(method: string, path: string, status: number): boolean {
    try {
      at(this.doc, this.responsePointer(method, path, status));
      return true;
    } catch {
      return false;
    }
  }

  /** Returns the validation errors (empty when the body conforms). */
  validate(method: string, path: string, status: number, body: unknown): string[] {
    const pointer =
      this.overrides.get(`${method} ${path} ${status}`) ?? this.responsePointer(method, path, status);
    const validate = this.ajv.getSchema(`spec-${this.version}${pointer}`);
    if (!validate) throw new Error(`no response schema for ${method} ${path} ${status}`);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  }
}
