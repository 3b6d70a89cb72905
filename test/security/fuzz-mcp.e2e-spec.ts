import fc from 'fast-check';
import {
  callTool,
  connectClient,
  connectSandbox,
  createServer,
  INITIALIZE,
  rawPost,
  sandboxIds,
} from '../support/mcp';
import { Stack } from '../support/stack';
import {
  applyMutation,
  attempt,
  Findings,
  fromSchema,
  FUZZ_MODES,
  fuzzRun,
  HOSTILE_IDS,
  hostileString,
  hostileValue,
  mutation,
  nestedText,
  preview,
  RAW_NUMBER_LITERALS,
  rssBytes,
  send,
  type JsonSchema,
} from './fuzz-support';
import { judgeMcpAnswer } from './mcp-verdict';

interface ListedTool {
  name: string;
  inputSchema: JsonSchema;
}

const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Every method a client may send, the ones this gateway serves and the ones it must refuse cleanly. */
const METHODS = [
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'logging/setLevel',
  'notifications/initialized',
  'notifications/cancelled',
  'resources/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'tasks/get',
  'sampling/createMessage',
  '',
  'constructor',
  '__proto__',
  'tools/call/../list',
];

describe.each(FUZZ_MODES)(
  'fuzzing /mcp/{token}: malformed, oversized, deeply nested and wrongly typed messages (%s)',
  (mode, fraction) => {
    // 8,000 messages on the embedded default, 800 on PostgreSQL + Redis; FUZZ_RUNS scales every property alike.
    const { seed, runs, share, all, fresh } = fuzzRun(8_000, fraction);
    const stack = new Stack(mode, { sandbox: true, worker: false });
    let url: string;
    let tools: ListedTool[];
    let knownIds: string[];
    let rssBefore: number;

    beforeAll(async () => {
      process.stdout.write(
        `fuzz-mcp (${mode}): seed ${seed}, ${runs} messages (FUZZ_SEED / FUZZ_RUNS to change)\n`,
      );
      await stack.start();
      // The sandbox's fault-free mode: no injected faults, no rate limit, no latency. A 5xx can only be the gateway's.
      const control = (method: string, path: string, body?: unknown) =>
        fetch(`${stack.sandboxUrl}/_sandbox${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      await control('DELETE', '/faults');
      await control('PUT', '/rate-limit', { per_minute: 1_000_000 });
      await control('PUT', '/latency', { ms: 0 });
      const ids = await sandboxIds(stack);
      const lists = (await (
        await fetch(`${stack.sandboxUrl}/api/v2/space/${ids.engineering}/list`, {
          headers: { authorization: 'pk_sandbox_owner' },
        })
      ).json()) as { lists: { id: string }[] };
      knownIds = [
        ids.acme,
        ids.engineering,
        ids.marketing,
        ids.engineeringTask,
        ids.marketingTask,
        ids.globex,
        ...lists.lists.map((l) => l.id),
      ].filter(Boolean);
      const connection = await connectSandbox(stack);
      url = (await createServer(stack, connection, { workspace_id: ids.acme })).url;
      const listed = await rawPost(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      tools = (listed.body as { result: { tools: ListedTool[] } }).result.tools;
      expect(tools.length).toBeGreaterThan(20);
      for (let i = 0; i < 50; i++) await rawPost(url, { jsonrpc: '2.0', id: i, method: 'tools/list' });
      rssBefore = rssBytes(stack.api.pid as number);
    }, 180_000);

    afterAll(() => stack.stop(), 60_000);

    const post = async (body: string | Buffer, headers: Record<string, string> = MCP_HEADERS, target = url) =>
      send(target, { body, headers });

    const knownStrings = (field: string) =>
      /(^|_)id$/.test(field) || field.endsWith('_ids') ? knownIds : undefined;

    it('answers mutated tools/call arguments for every tool with a result or a clear tool error', async () => {
      const perTool = fc.constantFrom(...tools).chain((tool) => {
        const fields = Object.keys(tool.inputSchema.properties ?? {});
        return fc.record({
          tool: fc.constant(tool.name),
          args: fc
            .tuple(fromSchema(tool.inputSchema, { knownStrings }), mutation(fields))
            .map(([base, m]) => applyMutation(base, m)),
        });
      });
      const findings = fresh();
      await fc.assert(
        fc.asyncProperty(perTool, fc.integer(), async ({ tool, args }, id) => {
          const message = {
            jsonrpc: '2.0',
            id,
            method: 'tools/call',
            params: { name: tool, arguments: args },
          };
          const sent = `${tool} ${preview(args)}`;
          const answer = await attempt(findings, sent, () => post(JSON.stringify(message)));
          if (answer) judgeMcpAnswer(answer, sent, findings, true);
        }),
        { seed, numRuns: share(0.6) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('answers every method with wrong ids, params and shapes with a JSON-RPC error or result', async () => {
      const id = fc.oneof(
        fc.integer(),
        fc.string(),
        fc.constantFrom(null, true, 1.5, -0, [], {}, 'x'.repeat(100_000), 2 ** 60),
      );
      const params = fc.oneof(
        fc.dictionary(fc.string(), hostileValue, { maxKeys: 4 }),
        hostileValue,
        fc.record({
          name: fc.oneof(fc.constantFrom(...tools.map((t) => t.name)), hostileString),
          arguments: hostileValue,
        }),
        fc.record({
          name: fc.constantFrom(...tools.map((t) => t.name)),
          arguments: fc.constant({}),
          _meta: fc.record({ progressToken: fc.oneof(fc.string(), fc.integer(), hostileValue) }),
        }),
        fc.record({ protocolVersion: hostileValue, clientInfo: hostileValue, capabilities: hostileValue }),
        fc.record({ level: hostileValue }),
      );
      const message = fc.record(
        {
          jsonrpc: fc.oneof(
            { weight: 5, arbitrary: fc.constant('2.0') },
            fc.constantFrom('1.0', 2, null, ''),
          ),
          id,
          method: fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...METHODS) },
            hostileString,
            hostileValue,
          ),
          params,
          result: hostileValue,
          error: hostileValue,
        },
        { requiredKeys: [] },
      );
      const findings = fresh();
      await fc.assert(
        fc.asyncProperty(message, async (m) => {
          const isRequest = m.jsonrpc === '2.0' && 'id' in m && !('result' in m) && !('error' in m);
          const answer = await attempt(findings, preview(m), () => post(JSON.stringify(m)));
          if (answer) judgeMcpAnswer(answer, preview(m), findings, isRequest);
        }),
        { seed, numRuns: share(0.25) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('answers raw garbage, deep nesting, huge batches, wrong content types and headers with a clear error', async () => {
      const valid = (i: number) => ({ jsonrpc: '2.0', id: i, method: i % 3 ? 'ping' : 'tools/list' });
      const toolCallWith = (literal: string) =>
        `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"task_list","arguments":{"limit":${literal},"list_id":${literal}}}}`;
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
        fc.string({ unit: 'binary', maxLength: 512 }),
        fc.constantFrom(
          '',
          'null',
          '[]',
          '{}',
          '""',
          '1',
          'true',
          '[[]]',
          '[null]',
          '{"jsonrpc":"2.0"',
          '\ufeff{}',
        ),
        fc.integer({ min: 1, max: 200 }).map((n) => JSON.stringify(INITIALIZE).slice(0, n)),
        fc
          .tuple(fc.integer({ min: 100, max: 200_000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(
            ([depth, kind]) =>
              `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"task_get","arguments":{"task_id":"x","extra":${nestedText(depth, kind)}}}}`,
          ),
        fc
          .tuple(fc.integer({ min: 100, max: 200_000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(([depth, kind]) => nestedText(depth, kind)),
        fc.constantFrom(...RAW_NUMBER_LITERALS).map(toolCallWith),
        fc.constantFrom(...RAW_NUMBER_LITERALS).map((n) => `{"jsonrpc":"2.0","id":${n},"method":"ping"}`),
        fc
          .integer({ min: 2, max: 300 })
          .map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => valid(i)))),
        fc
          .array(fc.oneof(hostileValue, fc.constant(valid(1))), { minLength: 1, maxLength: 40 })
          .map((a) => JSON.stringify(a)),
        fc.integer({ min: 1_000_000, max: 3_000_000 }).map((n) =>
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: 'task_get', arguments: { task_id: 'x'.repeat(n) } },
          }),
        ),
        fc.constant(
          `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}}`,
        ),
        fc.constant('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":1,"a":2,"__proto__":{"x":1}}}'),
      );
      const headers = fc.record({
        'content-type': fc.oneof(
          { weight: 4, arbitrary: fc.constant('application/json') },
          fc.constantFrom(
            'application/json; charset=utf-8',
            'APPLICATION/JSON',
            'application/json; charset=latin1',
            'application/json-seq',
            'application/jsonx',
            'text/plain',
            'text/html',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/octet-stream',
            '',
            ';;;',
          ),
        ),
        accept: fc.oneof(
          { weight: 4, arbitrary: fc.constant('application/json, text/event-stream') },
          fc.constantFrom(
            '*/*',
            'application/json',
            'text/event-stream',
            '',
            'garbage',
            'application/*, text/*',
          ),
        ),
        'mcp-protocol-version': fc.oneof(
          { weight: 3, arbitrary: fc.constant('2025-06-18') },
          fc.constantFrom('', '1999-01-01', '2025-06-18, 2025-03-26', 'x'.repeat(5000)),
        ),
        'mcp-session-id': fc.oneof(
          { weight: 3, arbitrary: fc.constant('') },
          fc.constantFrom('a.b', '.', '..', 'x'.repeat(8000), '%00', 'eyJuIjoxfQ.AAAA'),
        ),
      });
      const path = fc.oneof(
        { weight: 8, arbitrary: fc.constant('') },
        fc
          .constantFrom(...HOSTILE_IDS.filter((id) => id && id !== '\ud800'))
          .map((s) => `/${encodeURIComponent(s)}`),
        fc.constantFrom(
          '/messages',
          '/messages?sessionId=..',
          '/messages?sessionId=%00',
          '/sse/..',
          '/%2e%2e',
          '/../../api/v1/users',
        ),
      );
      const findings = fresh();
      await fc.assert(
        fc.asyncProperty(body, headers, path, async (raw, rawHeaders, suffix) => {
          const sent = Object.fromEntries(Object.entries(rawHeaders).filter(([, v]) => v !== ''));
          const description = `${suffix} ${preview(sent)} ${preview(typeof raw === 'string' ? raw : raw.toString('base64'))}`;
          // Over the 4 MiB body limit the api answers 413 and closes the connection while the body is still
          // being sent; fetch reports that as a failed request, which is the HTTP server's right. A body of
          // megabytes sent to a path no route serves may meet the same early answer under load: the client then
          // sees EPIPE (the server stopped reading mid-body), which is counted apart, never a crash or a 5xx.
          const overLimit = Buffer.byteLength(raw) > 4 * 1024 * 1024;
          const earlyAnswerToLargeBody = suffix !== '' && Buffer.byteLength(raw) > 1024 * 1024;
          const lenient = overLimit || earlyAnswerToLargeBody;
          const dropped = new Findings();
          const answer = await attempt(lenient ? dropped : findings, description, () =>
            post(raw, sent, `${url}${suffix}`),
          );
          if (!answer && !overLimit && !dropped.report().every((line) => line.includes('(EPIPE)'))) {
            findings.add(
              'no answer to a large body, other than EPIPE',
              `${dropped.report().join(' ')} ⇐ ${description}`,
            );
          }
          if (!answer) return findings.note(overLimit ? 'closed over the body limit' : 'no answer');
          // A suffix may leave the MCP routes (URL normalisation turns `/../../api` into the REST API's path).
          if (suffix && answer.status < 500 && isRestError(answer.json)) return findings.note(answer.status);
          judgeMcpAnswer(answer, description, findings, false);
        }),
        { seed, numRuns: share(0.15) },
      );
      expect(findings.report()).toEqual([]);
    }, 900_000);

    it('keeps the api within bounded memory, and still serves a real MCP client afterwards', async () => {
      const rssAfter = rssBytes(stack.api.pid as number);
      process.stdout.write(
        `fuzz-mcp (${mode}): statuses ${all.map((f) => f.summary()).join(' | ')}; api RSS ${mb(rssBefore)} MB before, ${mb(rssAfter)} MB after\n`,
      );
      expect(rssAfter - rssBefore).toBeLessThan(256 * 1024 * 1024);
      const client = await connectClient(url);
      const envelope = await callTool(client, 'workspace_hierarchy', {});
      expect(envelope.ok).toBe(true);
      await client.close();
      expect(stack.api.text()).not.toMatch(/FATAL|heap out of memory|unhandledRejection|uncaughtException/i);
    }, 120_000);
  },
);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function isRestError(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'statusCode' in body && 'correlation_id' in body;
}
