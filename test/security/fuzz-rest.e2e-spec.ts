import fc from 'fast-check';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';
import {
  applyMutation,
  attempt,
  encodable,
  Findings,
  fromSchema,
  FUZZ_MODES,
  fuzzRun,
  HOSTILE_IDS,
  hostileString,
  mutation,
  nestedText,
  preview,
  RAW_NUMBER_LITERALS,
  rssBytes,
  send,
  type JsonSchema,
} from './fuzz-support';

interface Operation {
  method: string;
  /** The OpenAPI path, e.g. `/api/v1/mcp-servers/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Every operation of the OpenAPI document, with what can be fuzzed in it. */
function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', ...WRITE_METHODS].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A REST answer is fine when it is a success, or a 4xx in the project's error shape with a message. */
function judgeRestAnswer(
  answer: { status: number; text: string; json: unknown },
  sent: string,
  findings: Findings,
): void {
  findings.note(answer.status);
  const example = `${answer.status} ${answer.text.slice(0, 300)} ⇐ ${sent}`;
  if (answer.status >= 500) return findings.add(`HTTP ${answer.status}`, example);
  if (answer.status < 400 || answer.status === 429) return;
  const body = answer.json;
  if (!isObject(body)) return findings.add(`HTTP ${answer.status} without a JSON error body`, example);
  const message = body['message'];
  const clear =
    (typeof message === 'string' && message.length > 0) ||
    (Array.isArray(message) && message.length > 0 && message.every((m) => typeof m === 'string' && m));
  if (
    body['statusCode'] !== answer.status ||
    typeof body['error'] !== 'string' ||
    typeof body['correlation_id'] !== 'string' ||
    !clear
  ) {
    findings.add(
      `HTTP ${answer.status} not in the {statusCode, error, message, correlation_id} shape`,
      example,
    );
  }
}

describe.each(FUZZ_MODES)(
  'fuzzing the REST API: every route of the OpenAPI document, bodies, path ids and query strings (%s)',
  (mode, fraction) => {
    const { seed, runs, share, all, fresh } = fuzzRun(2_500, fraction);
    const stack = new Stack(mode, { sandbox: true, worker: false });
    let operations: Operation[];
    let doc: OpenApiDocument;
    let realIds: string[];
    let knownIds: string[];
    let rssBefore: number;

    beforeAll(async () => {
      process.stdout.write(
        `fuzz-rest (${mode}): seed ${seed}, ${runs} requests (FUZZ_SEED / FUZZ_RUNS to change)\n`,
      );
      await stack.start();
      await fetch(`${stack.sandboxUrl}/_sandbox/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ per_minute: 1_000_000 }),
      });
      const ids = await sandboxIds(stack);
      const connection = await connectSandbox(stack);
      const server = await createServer(stack, connection, { workspace_id: ids.acme });
      const team = await stack.rest<{ id: string }>('POST', '/teams', { name: 'Fuzz team' });
      const user = await stack.rest<{ id: string }>('POST', '/users', {
        email: 'fuzz-member@example.com',
        name: 'Fuzz member',
        password: 'a-long-enough-password-123',
        role: 'member',
      });
      const token = await stack.rest<{ id: string }>('POST', '/api-tokens', { name: 'fuzz token' });
      // Ids of resources made for this run; the owner's own user and API token stay out, so the run keeps its access.
      realIds = [connection, server.id, team.body.id, user.body.id, token.body.id].filter(Boolean);
      knownIds = [ids.acme, ids.engineering, ids.marketing, ...realIds];
      doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
      operations = operationsOf(doc);
      expect(operations.filter((o) => o.method !== 'GET').length).toBeGreaterThan(10);
      rssBefore = rssBytes(stack.api.pid as number);
    }, 180_000);

    afterAll(() => stack.stop(), 60_000);

    const resolve = (ref: string): JsonSchema =>
      doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
    const knownStrings = (field: string) => (/(^|_)ids?$/.test(field) ? knownIds : undefined);

    // A function: the real ids exist only once beforeAll has made them.
    const pathId = () =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...realIds) },
        fc.uuid(),
        fc.constantFrom(...HOSTILE_IDS.filter((id) => id !== '\ud800')).map(encodeURIComponent),
        hostileString.filter((s) => s.length < 2000 && encodable(s)).map(encodeURIComponent),
      );

    const queryString = fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom('limit', 'cursor', 'from', 'to', 'state', '__proto__'),
          ),
          fc
            .oneof(hostileString, fc.constantFrom(...RAW_NUMBER_LITERALS))
            .filter((s) => s.length < 4000 && encodable(s)),
        ),
        { maxLength: 3 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

    const urlFor = (op: Operation, ids: string[], query: string) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => ids[i++ % ids.length]);
      return `${stack.baseUrl}${path}${query ? `?${query}` : ''}`;
    };

    const headers = (contentType = 'application/json') => ({
      authorization: `Bearer ${ADMIN.apiToken}`,
      'content-type': contentType,
    });

    it('answers mutated bodies, path ids and query strings of every write route with a success or a clear 4xx', async () => {
      const findings = fresh();
      const writes = operations.filter((o) => o.method !== 'GET');
      const request = fc.constantFrom(...writes).chain((op) => {
        const bodySchema = op.body ?? { type: 'object', properties: {} };
        const fields = Object.keys((op.body?.$ref ? resolve(op.body.$ref) : bodySchema).properties ?? {});
        return fc.record({
          op: fc.constant(op),
          ids: fc.array(pathId(), { minLength: 2, maxLength: 2 }),
          query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, queryString),
          body: fc
            .tuple(fromSchema(bodySchema, { resolve, knownStrings }), mutation(fields))
            .map(([base, m]) => applyMutation(base, m)),
        });
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ op, ids, query, body }) => {
          const url = urlFor(op, ids, query);
          const sent = `${op.method} ${url.slice(stack.baseUrl.length, 300)} ${preview(body)}`;
          const answer = await attempt(findings, sent, () =>
            send(url, { method: op.method, headers: headers(), body: JSON.stringify(body) }),
          );
          if (answer) judgeRestAnswer(answer, sent, findings);
        }),
        { seed, numRuns: share(0.7) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('answers hostile query strings on every read route with a success or a clear 4xx', async () => {
      const findings = fresh();
      const reads = operations.filter((o) => o.method === 'GET' && !o.path.includes('oauth'));
      const request = fc.constantFrom(...reads).chain((op) =>
        fc.record({
          op: fc.constant(op),
          ids: fc.array(pathId(), { minLength: 2, maxLength: 2 }),
          query: op.queryParams.length
            ? fc
                .array(
                  fc.tuple(
                    fc.constantFrom(...op.queryParams),
                    fc.oneof(
                      hostileString,
                      fc.constantFrom(...RAW_NUMBER_LITERALS, ...knownIds),
                      fc
                        .date({ noInvalidDate: false })
                        .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
                    ),
                  ),
                  { minLength: 1, maxLength: 4 },
                )
                .map((pairs) =>
                  pairs
                    .filter(([, v]) => v.length < 4000 && encodable(v))
                    .map(([p, v]) => `${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`)
                    .join('&'),
                )
            : queryString,
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ op, ids, query }) => {
          const url = urlFor(op, ids, query);
          const sent = `GET ${url.slice(stack.baseUrl.length, 400)}`;
          const answer = await attempt(findings, sent, () =>
            send(url, { method: 'GET', headers: { authorization: `Bearer ${ADMIN.apiToken}` } }),
          );
          if (answer) judgeRestAnswer(answer, sent, findings);
        }),
        { seed, numRuns: share(0.15) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('answers raw garbage, deep nesting, oversized bodies and wrong content types with a clear 4xx', async () => {
      const findings = fresh();
      const writes = operations.filter((o) => o.method !== 'GET');
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b)),
        fc.string({ unit: 'binary', maxLength: 256 }),
        fc.constantFrom('', 'null', '[]', '"x"', '1', 'true', '{', '{"name":', '\ufeff{}', '{"a":1,"a":2}'),
        fc.constantFrom('{"__proto__":{"role":"owner"}}', '{"constructor":{"prototype":{"x":1}}}'),
        fc
          .tuple(fc.integer({ min: 100, max: 300_000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(([depth, kind]) => `{"name":"n","config":${nestedText(depth, kind)}}`),
        fc
          .tuple(fc.integer({ min: 100, max: 300_000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(([depth, kind]) => nestedText(depth, kind)),
        fc
          .constantFrom(...RAW_NUMBER_LITERALS)
          .map((n) => `{"name":"n","expires_at":${n},"role":${n},"team_ids":[${n}]}`),
        fc.integer({ min: 500_000, max: 1_500_000 }).map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
        fc
          .integer({ min: 1, max: 20_000 })
          .map((n) => JSON.stringify({ name: 'n', team_ids: Array.from({ length: n }, (_, i) => `t${i}`) })),
      );
      const contentType = fc.oneof(
        { weight: 4, arbitrary: fc.constant('application/json') },
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'APPLICATION/JSON',
          'application/octet-stream',
          '',
        ),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...writes),
          fc.array(pathId(), { minLength: 2, maxLength: 2 }),
          body,
          contentType,
          async (op, ids, raw, type) => {
            const url = urlFor(op, ids, '');
            const sent = `${op.method} ${url.slice(stack.baseUrl.length, 300)} ${type} ${preview(typeof raw === 'string' ? raw : raw.toString('base64'))}`;
            const sentHeaders: Record<string, string> = { authorization: `Bearer ${ADMIN.apiToken}` };
            if (type) sentHeaders['content-type'] = type;
            // Over the 1 MiB REST body limit the api answers 413 and closes the connection mid-upload.
            const overLimit = Buffer.byteLength(raw) > 1024 * 1024;
            const answer = await attempt(overLimit ? new Findings() : findings, sent, () =>
              send(url, { method: op.method, headers: sentHeaders, body: raw }),
            );
            if (!answer) return findings.note(overLimit ? 'closed over the body limit' : 'no answer');
            judgeRestAnswer(answer, sent, findings);
          },
        ),
        { seed, numRuns: share(0.15) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('keeps the api within bounded memory, and still serves the owner afterwards', async () => {
      const rssAfter = rssBytes(stack.api.pid as number);
      process.stdout.write(
        `fuzz-rest (${mode}): statuses ${all.map((f) => f.summary()).join(' | ')}; api RSS ${mb(rssBefore)} MB before, ${mb(rssAfter)} MB after\n`,
      );
      expect(rssAfter - rssBefore).toBeLessThan(256 * 1024 * 1024);
      const me = await stack.rest<{ items: unknown[] }>('GET', '/mcp-servers');
      expect(me.status).toBe(200);
      expect(stack.api.text()).not.toMatch(/FATAL|heap out of memory|unhandledRejection|uncaughtException/i);
    }, 120_000);
  },
);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
