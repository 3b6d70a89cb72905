import { approvalChanged, draftFrom, parseApprovalDraft, type ApprovalDraft } from './approval-policy.schema';

const base: ApprovalDraft = draftFrom(undefined);
const catalog = [
  { name: 'task_get', tags: ['tasks'], method: 'get', read_only: true },
  { name: 'task_update', tags: ['tasks'], method: 'update', read_only: false },
  { name: 'task_delete', tags: ['tasks'], method: 'delete', read_only: false },
];

describe('the approval policy form', () => {
  it('starts with nothing waiting, owners and admins approving, an hour to decide', () => {
    expect(base).toMatchObject({ mode: 'none', approvers: 'admins', ttlMinutes: '60', minTasks: '' });
    expect(parseApprovalDraft(base)).toEqual({ ok: true, value: { mode: 'none' } });
  });

  it('reads a saved policy back into the same policy', () => {
    const policy = {
      mode: 'destructive' as const,
      tools: ['task_update'],
      approvers: { team_id: 't1', user_ids: ['u1'] },
      second_approver_tools: ['task_delete'],
      min_tasks: 5,
      ttl_minutes: 30,
    };
    expect(parseApprovalDraft(draftFrom(policy), catalog)).toEqual({
      ok: true,
      value: policy,
    });
  });

  it('sends only the tools of the chosen mode, and second approvers only among tools that wait', () => {
    const draft: ApprovalDraft = {
      ...base,
      mode: 'writes',
      chosenTools: ['task_create'],
      destructiveTools: ['task_update'],
      secondApproverTools: ['task_delete', 'task_get'],
    };
    expect(
      parseApprovalDraft(draft, [
        { name: 'task_delete', tags: ['tasks'], method: 'delete', read_only: false },
      ]),
    ).toEqual({
      ok: true,
      value: { mode: 'writes', ttl_minutes: 60, second_approver_tools: ['task_delete'] },
    });
  });

  it('explains what is missing or out of range', () => {
    const message = (patch: Partial<ApprovalDraft>) => {
      const parsed = parseApprovalDraft({ ...base, mode: 'destructive', ...patch });
      return parsed.ok ? null : parsed.message;
    };
    expect(message({ mode: 'tools' })).toMatch(/Pick at least one tool/);
    expect(message({ approvers: 'chosen' })).toMatch(/Pick a team or at least one person/);
    expect(message({ ttlMinutes: '0' })).toMatch(/expiry is between 1 and 10080/);
    expect(message({ ttlMinutes: '99999' })).toMatch(/expiry is between 1 and 10080/);
    expect(message({ ttlMinutes: 'soon' })).toMatch(/expiry is a whole number/);
    expect(message({ minTasks: '0' })).toMatch(/task threshold is between 1/);
    expect(message({ minTasks: '2.5' })).toMatch(/task threshold is a whole number/);
    expect(message({ minTasks: '3', approvers: 'chosen', approverTeamId: 't1' })).toBeNull();
  });
});

describe('a policy as the api answers it', () => {
  const answered = {
    mode: 'destructive' as const,
    tools: [],
    approvers: { team_id: null, user_ids: [] },
    second_approver_tools: [],
    min_tasks: null,
    ttl_minutes: 60,
  };

  it('reads defaults filled in as nothing set', () => {
    expect(draftFrom(answered)).toMatchObject({ approvers: 'admins', approverTeamId: '', minTasks: '' });
    expect(parseApprovalDraft(draftFrom(answered))).toEqual({
      ok: true,
      value: { mode: 'destructive', ttl_minutes: 60 },
    });
  });

  it('tells an untouched policy from a changed one, so a save leaves an untouched one alone', () => {
    expect(approvalChanged(answered, draftFrom(answered))).toBe(false);
    expect(approvalChanged(answered, { ...draftFrom(answered), ttlMinutes: '30' })).toBe(true);
    expect(approvalChanged(undefined, draftFrom(undefined))).toBe(false);
    expect(approvalChanged(undefined, { ...draftFrom(undefined), mode: 'writes' })).toBe(true);
  });
});
