import { Test } from '@nestjs/testing';
import { ToolCatalog } from '../core/catalog';
import { McpToolsModule } from '../mcp-tools.module';
import { approvalDemand, toolMayWait, type ApprovalRule } from './approval-policy';

describe('which calls wait for a person’s approval', () => {
  let catalog: ToolCatalog;
  const tool = (name: string) => {
    const found = catalog.tools.get(name);
    if (!found) throw new Error(`no tool ${name}`);
    return found;
  };
  const waiting = (rule: ApprovalRule) =>
    [...catalog.tools.values()].filter((t) => toolMayWait(rule, t)).map((t) => t.name);

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
  });

  it('holds every delete in mode destructive, and the tools an admin marks destructive', () => {
    const deletes = [...catalog.tools.values()].filter((t) => t.method === 'delete').map((t) => t.name);
    expect(waiting({ mode: 'destructive' })).toEqual(deletes);
    expect(waiting({ mode: 'destructive', tools: ['task_update'] }).sort()).toEqual(
      [...deletes, 'task_update'].sort(),
    );
  });

  it('holds every tool that is not read-only in mode writes, and exactly the listed ones in mode tools', () => {
    const writes = waiting({ mode: 'writes' });
    expect(writes).toContain('task_create');
    expect(writes.every((name) => !tool(name).annotations.readOnlyHint)).toBe(true);
    expect(waiting({ mode: 'tools', tools: ['task_update', 'task_get'] })).toEqual([
      'task_get',
      'task_update',
    ]);
    expect(waiting({ mode: 'none', tools: ['task_update'] })).toEqual([]);
  });

  it('never holds the queue’s own read tools, whatever the policy says', () => {
    expect(waiting({ mode: 'tools', tools: ['approval_get', 'retry_job_get'] })).toEqual([]);
  });

  it('counts tasks under min_tasks: few enough run now, more wait, and a count nobody could read waits', () => {
    const rule: ApprovalRule = { mode: 'destructive', min_tasks: 3 };
    expect(approvalDemand(rule, tool('task_delete'), { tasks_touched: 3 })).toBeNull();
    expect(approvalDemand(rule, tool('task_delete'), { tasks_touched: 4 })).toMatchObject({
      approvalsRequired: 1,
    });
    expect(approvalDemand(rule, tool('task_delete'), { tasks_touched: null })).not.toBeNull();
    expect(approvalDemand(rule, tool('task_delete'), {})).not.toBeNull();
    expect(approvalDemand(rule, tool('task_update'), { tasks_touched: 99 })).toBeNull();
  });

  it('asks two people for second-approver tools, and keeps a request open for the policy’s minutes', () => {
    const rule: ApprovalRule = {
      mode: 'destructive',
      second_approver_tools: ['space_delete'],
      ttl_minutes: 5,
    };
    expect(approvalDemand(rule, tool('space_delete'), {})).toEqual({ approvalsRequired: 2, ttlMs: 300_000 });
    expect(approvalDemand({ mode: 'destructive' }, tool('task_delete'), {})).toEqual({
      approvalsRequired: 1,
      ttlMs: 3_600_000,
    });
  });

  it('marks the held tools in the listing, once per distinct marking, and leaves the others as they are', () => {
    const plain = catalog.select();
    const held = catalog.select({ approval: { mode: 'destructive' } });
    const describe = (name: string, selection = held) =>
      selection.listing.find((t) => t.name === name)?.description ?? '';
    expect(describe('task_delete')).toBe(`${describe('task_delete', plain)} Needs approval.`);
    expect(describe('task_update')).toBe(describe('task_update', plain));
    expect(held.hash).not.toBe(plain.hash);
    // The same marking from another policy (a different ttl) is the same selection object.
    expect(catalog.select({ approval: { mode: 'destructive', ttl_minutes: 5 } })).toBe(held);
    expect(catalog.select({ approval: { mode: 'none' } })).toBe(plain);
    const counted = catalog.select({ approval: { mode: 'destructive', min_tasks: 10 } });
    expect(counted.listing.find((t) => t.name === 'task_delete')?.description).toMatch(
      /Needs approval above 10 tasks\.$/,
    );
  });

  it('costs each held tool 16 bytes of listing, and prints what holding every write costs', () => {
    const plain = catalog.select();
    const writes = catalog.select({ approval: { mode: 'writes' } });
    const held = waiting({ mode: 'writes' }).length;
    console.log(
      `tools/list with all ${held} writes held: ${writes.bytes} bytes (+${writes.bytes - plain.bytes})`,
    );
    expect(writes.bytes - plain.bytes).toBe(16 * held);
  });
});
