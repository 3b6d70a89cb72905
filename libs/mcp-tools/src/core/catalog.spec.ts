import { ClickUpClient } from '@gw/clickup-client';
import { z } from 'zod';
import { ToolCatalog } from './catalog';
import { Scope } from './scope';
import { defineTool, READ, type ToolGroup } from './tool';
import type { ToolContext } from './tool-context';
import { ToolError } from './tool-error';
import { defineGuard } from './tool-guard';

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
