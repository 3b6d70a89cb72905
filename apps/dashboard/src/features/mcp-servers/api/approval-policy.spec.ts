import { describeApproval, gatedTools } from './approval-policy';

const catalog = [
  { name: 'task_get', tags: ['tasks'], method: 'get', read_only: true },
  { name: 'task_update', tags: ['tasks'], method: 'update', read_only: false },
  { name: 'task_delete', tags: ['tasks'], method: 'delete', read_only: false },
  { name: 'list_delete', tags: ['lists'], method: 'delete', read_only: false },
  { name: 'comment_create', tags: ['comments'], method: 'create', read_only: false },
];

describe('gatedTools', () => {
  it('lists what waits under each mode', () => {
    expect(gatedTools({ mode: 'none' }, catalog)).toEqual([]);
    expect(gatedTools({ mode: 'destructive' }, catalog)).toEqual(['task_delete', 'list_delete']);
    expect(gatedTools({ mode: 'destructive', tools: ['task_update'] }, catalog)).toEqual([
      'task_update',
      'task_delete',
      'list_delete',
    ]);
    expect(gatedTools({ mode: 'writes' }, catalog)).toEqual([
      'task_update',
      'task_delete',
      'list_delete',
      'comment_create',
    ]);
    expect(gatedTools({ mode: 'tools', tools: ['comment_create', 'gone_tool'] }, catalog)).toEqual([
      'comment_create',
    ]);
  });
});

describe('describeApproval', () => {
  it('says what waits, for whom and how long', () => {
    expect(describeApproval(undefined)).toBe('Nothing waits for approval');
    expect(describeApproval({ mode: 'none' })).toBe('Nothing waits for approval');
    expect(describeApproval({ mode: 'destructive' })).toBe(
      'Deletes wait for owners and admins; requests expire after 60 minutes',
    );
    expect(
      describeApproval(
        { mode: 'destructive', tools: ['task_update'], approvers: { team_id: 't1' }, ttl_minutes: 30 },
        { team: () => 'Support' },
      ),
    ).toBe('Deletes and 1 more tool wait for members of Support; requests expire after 30 minutes');
    expect(
      describeApproval({
        mode: 'writes',
        min_tasks: 10,
        approvers: { team_id: 't1', user_ids: ['u1', 'u2'] },
      }),
    ).toBe(
      'All writes touching more than 10 tasks wait for members of a team and 2 named people; requests expire after 60 minutes',
    );
  });
});
