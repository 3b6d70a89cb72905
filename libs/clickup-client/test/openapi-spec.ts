import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import type AjvCore from 'ajv/dist/core';
import type { ClickUpRequest, MultipartForm } from '../src/lib/request';
import { CLICKUP_REQUEST_HEADERS } from '../src/lib/http/transport';

// ClickUp's official OpenAPI documents (see spec/clickup/SOURCE.md): v2 is OpenAPI 3.1 (JSON Schema
// 2020-12), v3 is OpenAPI 3.0 (JSON content in a .yaml file, `nullable`).
const SPEC_DIR = join(__dirname, '..', '..', '..', 'spec', 'clickup');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface SpecDoc {
  id: string;
  /** The prefix of the spec's paths before a request's path: `/v2` or `/api/v3`. */
  pathPrefix: string;
  doc: JsonObject;
  ajv: AjvCore;
  /** Parameter values arrive as strings; this instance coerces them as a server would. */
  paramAjv: AjvCore;
}

export interface SpecOperation {
  spec: SpecDoc;
  template: string;
  method: string;
  operationId: string;
  /** JSON pointer segments of the operation object. */
  pointer: string[];
  operation: JsonObject;
}

interface ParamRef {
  name: string;
  in: string;
  required: boolean;
  /** `explode: true`: an array goes out as the key repeated. */
  explode: boolean;
  pointer: string[];
  schema: JsonObject;
}

/** A deliberate departure from the spec, with the reason; each must still be needed, or the suite fails. */
export interface KnownDeviation {
  operation: string;
  param: string;
  kind: 'required-query-param-omitted' | 'comma-separated-list' | 'required-body-field-omitted';
  reason: string;
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function encodePointer(segments: readonly string[]): string {
  return segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function decodePointer(ref: string): string[] {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function at(doc: JsonObject, pointer: readonly string[]): Json {
  let node: Json = doc;
  for (const segment of pointer) {
    if (node === null || typeof node !== 'object') throw new Error(`bad pointer ${pointer.join('/')}`);
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
    if (node === undefined) throw new Error(`bad pointer ${pointer.join('/')}`);
  }
  return node;
}

/** Follows `$ref`s to the object they name, returning it and its pointer. */
function follow(doc: JsonObject, pointer: string[]): { node: JsonObject; pointer: string[] } {
  let current = pointer;
  for (let hops = 0; hops < 10; hops++) {
    const node = asObject(at(doc, current));
    const ref = node['$ref'];
    if (typeof ref !== 'string') return { node, pointer: current };
    current = decodePointer(ref);
  }
  throw new Error(`$ref loop at ${pointer.join('/')}`);
}

function addFormats(ajv: AjvCore): AjvCore {
  // OpenAPI numeric formats; ajv-formats has none of them.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  // v3 Chat's message and description text: markdown or plain text, any string.
  ajv.addFormat('RichText', { type: 'string', validate: () => true });
  return ajv;
}

function load(version: 'v2' | 'v3'): SpecDoc {
  const file = version === 'v2' ? 'clickup-api-v2-reference.json' : 'ClickUp_PUBLIC_API_V3.yaml';
  const doc = JSON.parse(readFileSync(`${SPEC_DIR}/${file}`, 'utf8')) as JsonObject;
  const id = `https://clickup-spec.local/${version}.json`;
  const make = (coerce: boolean): AjvCore => {
    const options = { strict: false, allErrors: true, ...(coerce ? { coerceTypes: 'array' as const } : {}) };
    const ajv = addFormats(version === 'v2' ? new Ajv2020(options) : new Ajv(options));
    ajv.addSchema(doc, id);
    return ajv;
  };
  return {
    id,
    pathPrefix: version === 'v2' ? '/v2' : '/api/v3',
    doc,
    ajv: make(false),
    paramAjv: make(true),
  };
}

let specs: Record<'v2' | 'v3', SpecDoc> | undefined;
export function loadSpecs(): Record<'v2' | 'v3', SpecDoc> {
  specs ??= { v2: load('v2'), v3: load('v3') };
  return specs;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operation name the client uses for an operationId: its first letter in lower case. */
export function operationName(operationId: string): string {
  return operationId.charAt(0).toLowerCase() + operationId.slice(1);
}

export function allOperations(spec: SpecDoc): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [template, item] of Object.entries(asObject(spec.doc['paths']))) {
    for (const method of METHODS) {
      const operation = asObject(asObject(item)[method]);
      const operationId = operation['operationId'];
      if (typeof operationId === 'string') {
        out.push({ spec, template, method, operationId, pointer: ['paths', template, method], operation });
      }
    }
  }
  return out;
}

export function findOperationByName(name: string): SpecOperation | undefined {
  const { v2, v3 } = loadSpecs();
  return [...allOperations(v2), ...allOperations(v3)].find((op) => operationName(op.operationId) === name);
}

function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, '').length;
}

function parameters(op: SpecOperation): ParamRef[] {
  const itemPointer = op.pointer.slice(0, 2);
  const lists: string[][] = [];
  for (const base of [itemPointer, op.pointer]) {
    const params = asObject(at(op.spec.doc, base))['parameters'];
    if (Array.isArray(params)) params.forEach((_, i) => lists.push([...base, 'parameters', String(i)]));
  }
  return lists.map((pointer) => {
    const { node, pointer: resolved } = follow(op.spec.doc, pointer);
    return {
      name: String(node['name']),
      in: String(node['in']),
      required: node['required'] === true,
      explode: node['explode'] === true,
      pointer: resolved,
      schema: asObject(node['schema']),
    };
  });
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(ajv: AjvCore, key: string, schema: object): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

function refTo(spec: SpecDoc, pointer: readonly string[]): { $ref: string } {
  return { $ref: `${spec.id}#/${encodePointer(pointer)}` };
}

function errorsText(fn: Pick<ValidateFunction, 'errors'>): string {
  return (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`).join('; ');
}

function checkParam(spec: SpecDoc, param: ParamRef, value: string | string[]): string | null {
  const key = `param:${spec.id}:${param.pointer.join('/')}`;
  const fn = validatorFor(spec.paramAjv, key, {
    type: 'object',
    properties: { value: refTo(spec, [...param.pointer, 'schema']) },
  });
  const holder = { value: Array.isArray(value) ? [...value] : value };
  return fn(holder)
    ? null
    : `${param.in} parameter ${param.name}=${JSON.stringify(value)}: ${errorsText(fn)}`;
}

function schemaTypes(schema: JsonObject): string[] {
  const type = schema['type'];
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
}

export interface ConformanceResult {
  operation: SpecOperation | null;
  problems: string[];
  /** Deviations this request relied on. */
  usedDeviations: KnownDeviation[];
}

/**
 * Checks a request the way ClickUp's spec describes the operation: the path matches a template with the same
 * method and operationId, every query parameter is declared (and sent in the declared form: `key[]` for
 * arrays), required parameters are present, values are valid for their schemas, and the body is valid for
 * the requestBody schema.
 */
export function checkRequest(
  request: ClickUpRequest,
  transportHeaders: Record<string, string> = CLICKUP_REQUEST_HEADERS,
  deviations: readonly KnownDeviation[] = [],
): ConformanceResult {
  const spec = loadSpecs()[request.version];
  const fullPath = `${spec.pathPrefix}${request.path}`;
  const method = request.method.toLowerCase();
  const candidates = allOperations(spec)
    .filter((op) => op.method === method && templateRegex(op.template).test(fullPath))
    .sort((a, b) => literalLength(b.template) - literalLength(a.template));
  const op = candidates[0];
  if (!op)
    return {
      operation: null,
      problems: [`no ${request.method} ${fullPath} in the ${request.version} spec`],
      usedDeviations: [],
    };

  const problems: string[] = [];
  const usedDeviations: KnownDeviation[] = [];
  const deviation = (param: string, kind: KnownDeviation['kind']) =>
    deviations.find((d) => d.operation === request.operation && d.param === param && d.kind === kind);

  if (operationName(op.operationId) !== request.operation) {
    problems.push(`${request.method} ${fullPath} is ${op.operationId} in the spec, not ${request.operation}`);
  }
  const params = parameters(op);

  const captured = templateRegex(op.template).exec(fullPath)?.slice(1) ?? [];
  const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  names.forEach((name, i) => {
    const param = params.find((p) => p.in === 'path' && p.name === name);
    const raw = captured[i] ?? '';
    if (!param) return void problems.push(`path parameter ${name} is not declared`);
    if (encodeURIComponent(decodeURIComponent(raw)) !== raw)
      problems.push(`path segment ${raw} is not encoded`);
    const problem = checkParam(spec, param, decodeURIComponent(raw));
    if (problem) problems.push(problem);
  });

  for (const [key, value] of Object.entries(request.query)) {
    const param = params.find((p) => p.in === 'query' && (p.name === key || p.name === `${key}[]`));
    if (!param) {
      problems.push(`query parameter ${key} is not declared for ${op.operationId}`);
      continue;
    }
    const isArraySchema = schemaTypes(param.schema).includes('array');
    if (Array.isArray(value) && request.repeatedKeys?.includes(key)) {
      // Sent as the key repeated, as an exploded form parameter declares it: each value is one parameter.
      if (isArraySchema || param.name.endsWith('[]') || param.explode !== true)
        problems.push(`query parameter ${param.name} is not declared as a repeated (exploded) parameter`);
      for (const item of value) {
        const problem = checkParam(spec, param, item);
        if (problem) problems.push(problem);
      }
      continue;
    }
    if (Array.isArray(value) && !isArraySchema)
      problems.push(`query parameter ${key} is not an array but would go out as ${key}[]`);
    if (!Array.isArray(value) && param.name.endsWith('[]'))
      problems.push(`query parameter ${param.name} must be sent as ${key}[]`);
    const comma = deviation(key, 'comma-separated-list');
    if (comma && typeof value === 'string' && value.includes(',')) {
      usedDeviations.push(comma);
      for (const piece of value.split(',')) {
        const problem = checkParam(spec, param, piece);
        if (problem) problems.push(problem);
      }
      continue;
    }
    const problem = checkParam(spec, param, value);
    if (problem) problems.push(problem);
  }

  for (const param of params.filter((p) => p.required)) {
    if (
      param.in === 'query' &&
      !(param.name in request.query) &&
      !(param.name.replace(/\[\]$/, '') in request.query)
    ) {
      const allowed = deviation(param.name, 'required-query-param-omitted');
      if (allowed) usedDeviations.push(allowed);
      else problems.push(`required query parameter ${param.name} is missing`);
    }
    if (param.in === 'header') {
      const sent = Object.entries(transportHeaders).find(
        ([name]) => name.toLowerCase() === param.name.toLowerCase(),
      );
      if (!sent) problems.push(`required header ${param.name} is not sent`);
      else {
        const problem = checkParam(spec, param, sent[1]);
        if (problem) problems.push(problem);
      }
    }
  }

  const bodyNode = asObject(op.operation['requestBody']);
  if (Object.keys(bodyNode).length === 0) {
    if (request.body !== undefined || request.form) problems.push(`${op.operationId} takes no body`);
  } else if (request.form) {
    problems.push(...checkForm(spec, [...op.pointer, 'requestBody'], op.operationId, request.form));
  } else {
    const resolved = follow(spec.doc, [...op.pointer, 'requestBody']);
    const content = asObject(resolved.node['content']);
    if (!('application/json' in content)) problems.push(`${op.operationId} does not take a JSON body`);
    else if (request.body === undefined) {
      if (resolved.node['required'] === true) problems.push(`${op.operationId} requires a body`);
    } else {
      const pointer = [...resolved.pointer, 'content', 'application/json', 'schema'];
      const fn = validatorFor(spec.ajv, `body:${spec.id}:${pointer.join('/')}`, refTo(spec, pointer));
      // Validate what goes over the wire, after JSON serialization.
      if (!fn(JSON.parse(JSON.stringify(request.body)))) {
        const remaining = (fn.errors ?? []).filter((e) => {
          const missing =
            e.keyword === 'required' && e.instancePath === '' ? e.params['missingProperty'] : null;
          const allowed =
            typeof missing === 'string' ? deviation(missing, 'required-body-field-omitted') : undefined;
          if (allowed) usedDeviations.push(allowed);
          return !allowed;
        });
        if (remaining.length > 0) problems.push(`body: ${errorsText({ errors: remaining })}`);
      }
    }
  }
  return { operation: op, problems, usedDeviations };
}

/**
 * A multipart body: the operation takes multipart/form-data, and each part (a field or a file) is a property its
 * schema declares. A file's bytes are not checked: the spec types them loosely (`array`, `items: {}`).
 */
function checkForm(spec: SpecDoc, pointer: string[], operationId: string, form: MultipartForm): string[] {
  const resolved = follow(spec.doc, pointer);
  const content = asObject(resolved.node['content']);
  if (!('multipart/form-data' in content)) return [`${operationId} does not take a multipart body`];
  const schema = follow(spec.doc, [...resolved.pointer, 'content', 'multipart/form-data', 'schema']).node;
  const declared = new Set(Object.keys(asObject(schema['properties'])));
  const parts = [...Object.keys(form.fields), ...form.files.map((f) => f.field)];
  const problems = parts.filter((p) => !declared.has(p)).map((p) => `multipart part ${p} is not declared`);
  if (form.files.length === 0) problems.push(`${operationId}: a multipart upload without a file`);
  return problems;
}

/** Every example ClickUp's spec gives for an operation's 2xx answers, with where it was found. */
export function responseExamples(op: SpecOperation): Array<{ status: string; where: string; value: Json }> {
  const out: Array<{ status: string; where: string; value: Json }> = [];
  for (const status of Object.keys(asObject(op.operation['responses']))) {
    if (!status.startsWith('2')) continue;
    const resolved = follow(op.spec.doc, [...op.pointer, 'responses', status]);
    const content = asObject(asObject(resolved.node['content'])['application/json']);
    const schema = asObject(content['schema']);
    if ('example' in content) out.push({ status, where: 'content.example', value: content['example'] });
    for (const [name, example] of Object.entries(asObject(content['examples']))) {
      out.push({ status, where: `content.examples.${name}`, value: asObject(example)['value'] ?? null });
    }
    if ('example' in schema) out.push({ status, where: 'schema.example', value: schema['example'] });
    const list = schema['examples'];
    if (Array.isArray(list))
      list.forEach((value, i) => out.push({ status, where: `schema.examples.${i}`, value }));
  }
  return out;
}

/** Whether the spec describes a JSON body for this 2xx answer at all. */
export function hasJsonResponse(op: SpecOperation, status: string): boolean {
  const resolved = follow(op.spec.doc, [...op.pointer, 'responses', status]);
  return 'schema' in asObject(asObject(resolved.node['content'])['application/json']);
}

/**
 * Validates a value against an operation's 2xx response schema (for fixtures where the spec has no example).
 * `ignore` names errors that come from a defect of the spec's schema itself.
 */
export function checkResponseAgainstSpec(
  op: SpecOperation,
  status: string,
  value: unknown,
  ignore?: RegExp,
): string | null {
  const resolved = follow(op.spec.doc, [...op.pointer, 'responses', status]);
  const pointer = [...resolved.pointer, 'content', 'application/json', 'schema'];
  const fn = validatorFor(
    op.spec.ajv,
    `response:${op.spec.id}:${pointer.join('/')}`,
    refTo(op.spec, pointer),
  );
  if (fn(value)) return null;
  const errors = (fn.errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`)
    .filter((text) => !ignore?.test(text));
  return errors.length === 0 ? null : errors.join('; ');
}
