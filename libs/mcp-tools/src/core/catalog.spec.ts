import { ClickUpClient } from '@gw/clickup-client';
import { z } from 'zod';
import { listedAnnotations, readAnnotations, toListing, ToolCatalog } from './catalog';
import { Scope } from './scope';
import { CREATE, defineTool, DELETE, READ, UPDATE, type ToolAnnotations, type ToolGroup } from './tool';
import type { ToolContext } from './tool-context';
import { ToolError } from './tool-error';
import { rule } from './input-fields';
import { defineGuard, idProof } from './tool-guard';

const failing = (name: string, error: unknown) =>
  defineTool({
    name,
    title: name,
    description: name,
    method: 'get',
    tags: ['tasks'],
    input: z.object({ secret_note: z.string() }),
    output: z.object({}),
    annotations: READ,
    handler: async () => {
      throw error;
    },
  });

const group: ToolGroup = {
  tools: [
    failing('broken_tool', new TypeError("Cannot read properties of undefined (reading 'id')")),
    failing('refusing_tool', new ToolError('FORBIDDEN', 'Outside the server’s spaces.')),
  ],
  guard: defineGuard({ tag: 'tasks', tools: { broken_tool: { ids: {} }, refusing_tool: { ids: {} } } }),
};

const context = (): ToolContext => ({
  selection: new ToolCatalog([group]).select(),
  client: new ClickUpClient({
    baseUrl: 'http://127.0.0.1:9',
    credential: { kind: 'personal', token: 'pk_unused' },
    timeoutMs: 500,
  }),
  scope: new Scope('9011'),
  jobs: { get: async () => null },
});

describe('a tool handler that fails', () => {
  it('reports an unexpected error to the administrator’s log, never its text or the arguments to the agent', async () => {
    const faults: [string, unknown][] = [];
    const catalog = new ToolCatalog([group], (tool, error) => faults.push([tool, error]));
    const envelope = await catalog.call('broken_tool', { secret_note: 'salary review' }, context());
    expect(envelope.ok).toBe(false);
    expect(envelope.issues).toEqual([
      {
        code: 'UPSTREAM_ERROR',
        message: 'The gateway failed to complete this call; it was logged for the administrator.',
      },
    ]);
    expect(faults).toHaveLength(1);
    expect(faults[0][0]).toBe('broken_tool');
    expect(String(faults[0][1])).toContain('Cannot read properties of undefined');
    expect(JSON.stringify(faults)).not.toContain('salary review');
  });

  it('does not report a refusal it explains to the agent', async () => {
    const faults: unknown[] = [];
    const catalog = new ToolCatalog([group], (...fault) => faults.push(fault));
    const envelope = await catalog.call('refusing_tool', { secret_note: 'x' }, context());
    expect(envelope.issues[0]).toMatchObject({ code: 'FORBIDDEN' });
    expect(faults).toEqual([]);
  });
});

describe('authorizing a call with its group’s guard', () => {
  let events: string[];
  let fetches: number;
  const folder = (id: string, ctx: ToolContext) =>
    ctx.scope.once(`folder ${id}`, async () => {
      fetches += 1;
      if (id === 'outside') throw new ToolError('FORBIDDEN', 'That folder is outside the spaces.');
      return { id, name: `Folder ${id}` };
    });
  const FOLDER_PROOF = idProof('folder', async (id, _args, ctx) => {
    events.push(`prove ${id}`);
    return folder(id, ctx);
  });
  const tool = (name: string, tag: 'folders' | 'goals', input: z.ZodObject) =>
    defineTool({
      name,
      title: name,
      description: name,
      method: 'get',
      tags: [tag],
      input,
      output: z.object({ name: z.string() }),
      annotations: READ,
      handler: async (args: { folder_id?: string }, ctx) => {
        events.push('handler');
        return { name: args.folder_id ? (await folder(args.folder_id, ctx)).name : 'none' };
      },
    });
  const peekInput = z
    .object({ folder_id: z.string(), other_id: z.string().optional() })
    .refine((a) => a.folder_id !== a.other_id, rule('Give two different folders.', 'other_id'));
  const folders: ToolGroup = {
    tools: [tool('folder_peek', 'folders', peekInput), tool('folder_wide', 'folders', z.object({}))],
    guard: defineGuard({
      tag: 'folders',
      tools: {
        folder_peek: { ids: { folder_id: FOLDER_PROOF, other_id: FOLDER_PROOF } },
        folder_wide: {
          ids: {},
          pinned: () => {
            events.push('pin rule');
            throw new ToolError('FORBIDDEN', 'Not on a pinned server.');
          },
        },
      },
    }),
  };
  const goals: ToolGroup = {
    tools: [tool('goal_peek', 'goals', z.object({}))],
    guard: defineGuard({ tag: 'goals', workspaceLevel: true, tools: { goal_peek: { ids: {} } } }),
  };
  const catalog = new ToolCatalog([folders, goals]);
  const whole = new Scope('9011');
  const pinned = new Scope('9011', ['90111']);
  const on = (scope: Scope, selection = catalog.select()): ToolContext => ({
    ...context(),
    scope,
    selection,
  });

  beforeEach(() => {
    events = [];
    fetches = 0;
  });

  it('proves every id before the handler, which gets the proven object without fetching it again', async () => {
    const envelope = await catalog.call('folder_peek', { folder_id: '901', other_id: '902' }, on(whole));
    expect(envelope).toEqual({ ok: true, result: { name: 'Folder 901' }, issues: [] });
    expect(events).toEqual(['prove 901', 'prove 902', 'handler']);
    expect(fetches).toBe(2);
  });

  it('answers a refused proof with its issue and runs no handler', async () => {
    const envelope = await catalog.call('folder_peek', { folder_id: '901', other_id: 'outside' }, on(whole));
    expect(envelope).toEqual({
      ok: false,
      result: null,
      issues: [{ code: 'FORBIDDEN', message: 'That folder is outside the spaces.' }],
    });
    expect(events).not.toContain('handler');
  });

  it('forgets what a call fetched when the call ends: objects change between calls', async () => {
    await catalog.call('folder_peek', { folder_id: '901' }, on(whole));
    await catalog.call('folder_peek', { folder_id: '901' }, on(whole));
    expect(fetches).toBe(2);
  });

  it('refuses a tool outside the server’s selection before reading its arguments', async () => {
    const selection = catalog.select({ tags: ['goals'] });
    const envelope = await catalog.call('folder_peek', { folder_id: 42 }, on(whole, selection));
    expect(envelope.issues).toEqual([
      { code: 'FORBIDDEN', message: 'The tool folder_peek is not available on this MCP server.' },
    ]);
    const unknown = await catalog.call('folder_steal', {}, on(whole));
    expect(unknown.issues).toEqual([
      { code: 'FORBIDDEN', message: 'The tool folder_steal is not available on this MCP server.' },
    ]);
    expect(events).toEqual([]);
  });

  it('refuses a workspace-level tool on a pinned server without the admin’s leave, whatever the selection', async () => {
    expect((await catalog.call('goal_peek', {}, on(pinned))).issues[0]).toMatchObject({ code: 'FORBIDDEN' });
    const allowed = new Scope('9011', ['90111'], { allowWorkspaceObjects: true });
    expect(await catalog.call('goal_peek', {}, on(allowed))).toMatchObject({ ok: true });
    expect(await catalog.call('goal_peek', {}, on(whole))).toMatchObject({ ok: true });
  });

  it('checks argument rules before any proof, their message reaching the agent as written', async () => {
    const envelope = await catalog.call('folder_peek', { folder_id: '901', other_id: '901' }, on(whole));
    expect(envelope.issues).toEqual([
      { code: 'VALIDATION_ERROR', message: 'Give two different folders.', path: 'other_id' },
    ]);
    expect(events).toEqual([]);
  });

  it('runs a pin rule on a pinned server only', async () => {
    expect(await catalog.call('folder_wide', {}, on(whole))).toMatchObject({ ok: true });
    expect(events).toEqual(['handler']);
    events = [];
    const envelope = await catalog.call('folder_wide', {}, on(pinned));
    expect(envelope.issues).toEqual([{ code: 'FORBIDDEN', message: 'Not on a pinned server.' }]);
    expect(events).toEqual(['pin rule']);
  });

  it('gives the admission stage authorize(tool, args) for a server: the same checks, no handler', async () => {
    const authorize = catalog.authorizer(catalog.select({ tags: ['folders'] }), whole);
    const { client } = context();
    expect(await authorize('folder_peek', { folder_id: '901' }, client)).toBeNull();
    expect(await authorize('folder_peek', { folder_id: 'outside' }, client)).toEqual([
      { code: 'FORBIDDEN', message: 'That folder is outside the spaces.' },
    ]);
    expect(await authorize('folder_peek', {}, client)).toEqual([
      expect.objectContaining({ code: 'VALIDATION_ERROR', path: 'folder_id' }),
    ]);
    expect(await authorize('goal_peek', {}, client)).toEqual([
      { code: 'FORBIDDEN', message: 'The tool goal_peek is not available on this MCP server.' },
    ]);
    expect(events).toEqual(['prove 901', 'prove outside']);
  });
});

describe('ids an agent names another way than ClickUp', () => {
  const seen: Record<string, unknown>[] = [];
  // A proof that reads "ENG-14" as the task "86abc", as the TASK proof reads a custom task id.
  const CUSTOM = idProof(
    'task',
    async (id) => ({ id: id === 'ENG-14' ? '86abc' : id }),
    (task) => task.id,
  );
  const echo = defineTool({
    name: 'echo_tool',
    title: 'echo',
    description: 'echo',
    method: 'get',
    tags: ['tasks'],
    input: z.object({ task_id: z.string(), task_ids: z.array(z.string()).optional(), note: z.string() }),
    output: z.object({}),
    annotations: READ,
    handler: async (args) => {
      seen.push(args);
      return {};
    },
  });
  const echoing: ToolGroup = {
    tools: [echo],
    guard: defineGuard({
      tag: 'tasks',
      tools: { echo_tool: { ids: { task_id: CUSTOM, task_ids: CUSTOM } } },
    }),
  };

  it("hands the handler ClickUp's own ids in place of the proven ones, and nothing else changed", async () => {
    const catalog = new ToolCatalog([echoing]);
    const ctx = { ...context(), selection: catalog.select() };
    const envelope = await catalog.call(
      'echo_tool',
      { task_id: 'ENG-14', task_ids: ['ENG-14', '9hz'], note: 'ENG-14' },
      ctx,
    );
    expect(envelope.ok).toBe(true);
    expect(seen).toEqual([{ task_id: '86abc', task_ids: ['86abc', '9hz'], note: 'ENG-14' }]);
  });
});

describe('the listing format', () => {
  const tool = (annotations: ToolAnnotations, output: z.ZodType) =>
    defineTool({
      name: 'some_tool',
      title: 'Some tool',
      description: 'Some tool.',
      method: annotations.readOnlyHint ? 'get' : 'update',
      tags: ['tasks'],
      input: z.object({
        list_id: z.string().regex(/^\d{1,20}$/),
        at: z.union([z.number().int(), z.string()]),
        who: z.union([z.number().int().positive(), z.literal('me')]),
        order: z.enum(['a', 'b']).optional(),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .optional(),
      }),
      output,
      annotations,
      handler: async () => ({}),
    });

  it('states only the hints that differ from MCP’s defaults', () => {
    expect(listedAnnotations(READ)).toEqual({ readOnlyHint: true });
    expect(listedAnnotations(CREATE)).toEqual({ destructiveHint: false });
    expect(listedAnnotations(UPDATE)).toEqual({ idempotentHint: true });
    expect(listedAnnotations({ ...UPDATE, idempotentHint: false })).toEqual({});
    for (const hints of [READ, CREATE, UPDATE, DELETE])
      expect(readAnnotations(listedAnnotations(hints))).toEqual(hints);
  });

  it('writes equivalent input schemas in fewer bytes', () => {
    const listed = toListing(tool(READ, z.object({})));
    expect(listed.inputSchema).toEqual({
      type: 'object',
      properties: {
        list_id: { type: 'string' },
        at: { type: ['integer', 'string'] },
        who: { anyOf: [{ type: 'integer' }, { const: 'me' }] },
        order: { enum: ['a', 'b'] },
        color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
      },
      required: ['list_id', 'at', 'who'],
    });
  });

  it('describes the result’s fields and leaves the envelope and its twins open', () => {
    const output = z.object({
      id: z.string(),
      due_ms: z.number().nullable(),
      due_iso: z.string().nullable(),
    });
    expect(toListing(tool(UPDATE, output)).outputSchema).toEqual({
      type: 'object',
      properties: { result: { properties: { id: { type: 'string' }, due_ms: {} } } },
    });
    expect(toListing(tool(UPDATE, z.union([output, z.object({ other: z.string() })]))).outputSchema).toEqual({
      type: 'object',
    });
  });
});

describe('a result shape shared by several tools', () => {
  const shape = z.object({
    id: z.string(),
    name: z.string(),
    color: z.string().nullable(),
    private: z.boolean(),
    archived: z.boolean(),
    statuses: z.array(z.string()),
    features: z.object({}),
  });
  const tool = (name: string, method: 'get' | 'create' | 'update') =>
    defineTool({
      name,
      title: name,
      description: `The ${name} tool.`,
      method,
      tags: ['spaces'],
      input: z.object({}),
      output: shape,
      annotations: method === 'get' ? READ : method === 'create' ? CREATE : UPDATE,
      handler: async () => ({
        id: '1',
        name: 'a',
        color: null,
        private: false,
        archived: false,
        statuses: [],
        features: {},
      }),
    });
  const group: ToolGroup = {
    tools: [tool('shape_get', 'get'), tool('shape_create', 'create'), tool('shape_update', 'update')],
    guard: defineGuard({
      tag: 'spaces',
      tools: { shape_get: { ids: {} }, shape_create: { ids: {} }, shape_update: { ids: {} } },
    }),
  };
  const catalog = new ToolCatalog([group]);

  it('is listed once, by the first tool answering it; the others name that tool, and held ones still end so', () => {
    const [get, create, update] = catalog.select({ approval: { mode: 'writes' } }).listing;
    expect(get.outputSchema).toMatchObject({
      properties: { result: { properties: { id: { type: 'string' } } } },
    });
    expect(create.outputSchema).toEqual({ type: 'object' });
    expect(create.description).toMatch(/Result as shape_get\..*Needs approval\.$/);
    expect(update.description).toMatch(/^The shape_update tool\. Result as shape_get\./);
  });

  it('is given in full to each tool that a progressive server describes', () => {
    const selection = catalog.select({ catalog: 'progressive' });
    for (const listed of selection.tools)
      expect(listed.outputSchema).toEqual(selection.tools[0].outputSchema);
  });

  it('follows the selection: the first tool of a server that lacks shape_get lists the fields', () => {
    const [create, update] = catalog.select({ methods: ['write'] }).listing;
    expect(create.outputSchema).not.toEqual({ type: 'object' });
    expect(update.description).toMatch(/Result as shape_create\.$/);
  });
});
