import { ClickUpClient } from '@gw/clickup-client';
import { GoalsTools } from '../goals/goals.tools';
import { TasksTools } from '../tasks/tasks.tools';
import { ToolCatalog } from './catalog';
import { Scope } from './scope';
import type { ToolContext } from './tool-context';
import { illFormedTextIssues } from './well-formed-text';

describe('arguments holding an unpaired UTF-16 surrogate', () => {
  const catalog = new ToolCatalog([new TasksTools(), new GoalsTools()]);
  // Nothing listens there: a call that got as far as ClickUp would fail differently.
  const context = (): ToolContext => ({
    selection: catalog.select(),
    client: new ClickUpClient({
      baseUrl: 'http://127.0.0.1:9',
      credential: { kind: 'personal', token: 'pk_unused' },
      timeoutMs: 500,
    }),
    scope: new Scope('9011'),
    jobs: { get: async () => null },
  });

  it.each([
    ['task_get', { task_id: '86a\ud800' }, 'task_id'],
    ['goal_get', { goal_id: '\udfff' }, 'goal_id'],
    ['task_search', { name_contains: 'report \ud83d' }, 'name_contains'],
    ['task_search', { tags: ['ok', '\udc00x'] }, 'tags.1'],
  ])('%s refuses them as a VALIDATION_ERROR naming the argument', async (tool, args, path) => {
    const envelope = await catalog.call(tool, args, context());
    expect(envelope).toEqual({
      ok: false,
      result: null,
      issues: [
        {
          code: 'VALIDATION_ERROR',
          message: `${path}: must be well-formed Unicode text (it holds an unpaired UTF-16 surrogate)`,
          path,
        },
      ],
    });
  });

  it('finds one in a free-form value nested far deeper than a recursive walk could go', () => {
    let value: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) value = { a: value };
    const issues = illFormedTextIssues({ value });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(['value', ...Array<string>(100_000).fill('a')].join('.'));
  });

  it('keeps text with paired surrogates (emoji) as it is', async () => {
    const envelope = await catalog.call('task_get', { task_id: '😀' }, context());
    expect(envelope.issues.map((i) => i.code)).not.toContain('VALIDATION_ERROR');
  });
});
