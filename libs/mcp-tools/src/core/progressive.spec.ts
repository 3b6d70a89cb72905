import { z } from 'zod';
import { ToolCatalog } from './catalog';
import { metaToolCall, TOOL_CALL, TOOL_DESCRIBE, TOOL_SEARCH, unwrapToolCall } from './progressive';
import { CREATE, defineTool, READ, type ToolGroup } from './tool';
import { defineGuard } from './tool-guard';

const tool = (name: string, description: string, write = false) =>
  defineTool({
    name,
    title: name,
    description,
    method: write ? 'create' : 'get',
    tags: ['tasks'],
    input: z.object({ text: z.string().optional() }),
    output: z.object({ id: z.string() }),
    annotations: write ? CREATE : READ,
    handler: async () => ({ id: '1' }),
  });

const group: ToolGroup = {
  tools: [
    tool('task_get', 'One task in full. Subtasks too.'),
    tool('task_create', 'Creates a task in a list.', true),
  ],
  guard: defineGuard({ tag: 'tasks', tools: { task_get: { ids: {} }, task_create: { ids: {} } } }),
};

describe('the meta tools of a progressive server', () => {
  const catalog = new ToolCatalog([group]);
  const selection = catalog.select({ catalog: 'progressive', approval: { mode: 'writes' } });
  const run = (name: string, args: unknown) => metaToolCall(name, args, selection, catalog.tools);

  it('search by words and tag, with each tool’s first sentence and whether it waits for approval', () => {
    expect(run(TOOL_SEARCH, { query: 'task get' })).toEqual({
      ok: true,
      result: {
        tools: [
          {
            name: 'task_get',
            title: 'task_get',
            summary: 'One task in full.',
            method: 'get',
            tags: ['tasks'],
          },
        ],
      },
      issues: [],
    });
    const all = run(TOOL_SEARCH, {}).result as { tools: { name: string; needs_approval?: boolean }[] };
    expect(all.tools).toEqual([
      expect.objectContaining({ name: 'task_get' }),
      expect.objectContaining({ name: 'task_create', needs_approval: true }),
    ]);
    expect(all.tools[0]).not.toHaveProperty('needs_approval');
    expect((run(TOOL_SEARCH, { tag: 'goals' }).result as { tools: unknown[] }).tools).toEqual([]);
    expect(run(TOOL_SEARCH, { query: 3 }).issues[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'query',
    });
  });

  it('describe tools as a full listing shows them, and name the ones the server has not', () => {
    const described = run(TOOL_DESCRIBE, { names: ['task_create', 'goal_list'] });
    expect(described.result).toEqual({ tools: [selection.tools[1]], unknown: ['goal_list'] });
    expect(selection.tools[1].description).toContain('Needs approval.');
    expect(run(TOOL_DESCRIBE, { names: [] }).issues[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'names',
    });
  });

  it('unwrap a tool_call into the named tool’s call, and refuse one that names no tool', () => {
    expect(unwrapToolCall({ name: 'task_get', arguments: { text: 'x' } })).toEqual({
      name: 'task_get',
      arguments: { text: 'x' },
    });
    expect(unwrapToolCall({ name: 'task_get' })).toEqual({ name: 'task_get', arguments: {} });
    expect(unwrapToolCall({ name: TOOL_CALL, arguments: { name: 'task_get' } })).toBeNull();
    expect(unwrapToolCall({ arguments: {} })).toBeNull();
    expect(unwrapToolCall({ name: 'task_get', arguments: [] })).toBeNull();
    expect(run(TOOL_CALL, { name: TOOL_SEARCH }).issues[0]).toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'name',
    });
    expect(run(TOOL_CALL, { arguments: 'x' }).issues[0]).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
