import type { CustomField, Task, TaskCustomField } from '@gw/clickup-client';
import { writeFieldValue } from '../custom-fields/field-values';
import { notAppliedFields, notAppliedToTask, type FieldAsk } from './task-verify';

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    name: 'Fix login',
    status: { status: 'to do', type: 'open' },
    priority: { id: '2', priority: 'high', color: '#fff' },
    assignees: [{ id: 1, username: 'Alex' }],
    tags: [{ name: 'backend' }],
    parent: null,
    custom_item_id: 0,
    due_date: 1_900_000_000_000,
    start_date: null,
    time_estimate: null,
    custom_fields: [],
    ...overrides,
  } as unknown as Task;
}

const dropDown: CustomField = {
  id: 'f-component',
  name: 'Component',
  type: 'drop_down',
  type_config: {
    options: [
      { id: 'o-front', name: 'Frontend', orderindex: 0 },
      { id: 'o-back', name: 'Backend', orderindex: 1 },
    ],
  },
} as unknown as CustomField;
const people: CustomField = {
  id: 'f-reviewer',
  name: 'Reviewer',
  type: 'users',
  type_config: {},
} as CustomField;
const points: CustomField = {
  id: 'f-points',
  name: 'Story Points',
  type: 'number',
  type_config: {},
} as CustomField;

const ask = (field: CustomField | TaskCustomField, value: unknown, path = 'custom_fields.0'): FieldAsk => ({
  path,
  field,
  write: writeFieldValue(field, value, null),
});

describe('notAppliedToTask', () => {
  it('finds nothing when ClickUp kept everything asked (status in any case, assignees in any order)', () => {
    const kept = task({ assignees: [{ id: 2 }, { id: 1 }] as Task['assignees'] });
    expect(
      notAppliedToTask(
        {
          name: 'Fix login',
          status: 'To Do',
          priority: 2,
          assignees: [1, 2],
          tags: ['Backend'],
          due_date: 5,
        },
        kept,
      ),
    ).toEqual([]);
  });

  it('names each field ClickUp did not keep, with what was asked and what it kept', () => {
    const issues = notAppliedToTask(
      {
        status: 'shipped',
        assignees: [1, 99],
        priority: 1,
        task_type: { id: 1, name: 'Milestone' },
        start_date: 10,
      },
      task(),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['NOT_APPLIED', 'status'],
      ['NOT_APPLIED', 'priority'],
      ['NOT_APPLIED', 'assignees'],
      ['NOT_APPLIED', 'task_type'],
      ['NOT_APPLIED', 'start_date'],
    ]);
    expect(issues[0].message).toBe(
      'status: asked "shipped", ClickUp kept "to do" (the list may not have that status).',
    );
    expect(issues[2].message).toBe(
      'assignees: asked [1, 99], ClickUp kept [1] (left out 99: not members of the list?).',
    );
  });

  it('leaves what was not asked alone', () => {
    expect(notAppliedToTask({}, task({ status: null, assignees: [] }))).toEqual([]);
  });
});

describe('notAppliedFields', () => {
  it('accepts a drop-down read back as its orderindex, and a number read back as a string', () => {
    const kept = [
      { ...dropDown, value: 1 },
      { ...points, value: '8' },
    ] as TaskCustomField[];
    expect(notAppliedFields([ask(dropDown, 'backend'), ask(points, 8, 'custom_fields.1')], kept)).toEqual([]);
  });

  it('says a field was not set when the task does not carry it', () => {
    expect(notAppliedFields([ask(points, 3)], [])).toEqual([
      {
        code: 'NOT_APPLIED',
        path: 'custom_fields.0',
        message:
          'custom field "Story Points": ClickUp did not set it (the field does not apply to this task).',
      },
    ]);
  });

  it('names the people ClickUp left out of a people field', () => {
    const kept = [{ ...people, value: [{ id: 1, username: 'Alex' }] }] as TaskCustomField[];
    const [issue] = notAppliedFields([ask(people, [1, 99], 'value')], kept);
    expect(issue).toEqual({
      code: 'NOT_APPLIED',
      path: 'value',
      message: 'custom field "Reviewer": asked [1, 99], ClickUp kept [1].',
    });
  });

  it('compares a people field from its value before the write: {add, rem} against what it held', () => {
    const before = { ...people, value: [{ id: 1 }, { id: 2 }] } as TaskCustomField;
    const kept = [{ ...people, value: [{ id: 2 }, { id: 3 }] }] as TaskCustomField[];
    expect(notAppliedFields([ask(before, { add: [3], rem: [1] })], kept)).toEqual([]);
  });
});
