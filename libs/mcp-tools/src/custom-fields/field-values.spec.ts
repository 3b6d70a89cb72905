import { taskCustomFieldSchema, type TaskCustomField } from '@gw/clickup-client';
import { ToolError } from '../core/tool-error';
import { findField, readFieldValue, writeFieldValue } from './field-values';

/** A field as ClickUp embeds it in a task, read through the client's own schema. */
const field = (type: string, extra: Record<string, unknown> = {}): TaskCustomField =>
  taskCustomFieldSchema.parse({ id: `f-${type}`, name: `My ${type}`, type, type_config: {}, ...extra });

const options = [
  { id: 'u-1', name: 'Frontend', orderindex: 0 },
  { id: 'u-2', name: 'Back-end Café', orderindex: 1 },
];
const labelOptions = [
  { id: 'l-1', label: 'Urgent', orderindex: 0 },
  { id: 'l-2', label: 'Customer', orderindex: 1 },
];

describe('readFieldValue', () => {
  it('reads drop-downs (orderindex or id) and labels as option names', () => {
    expect(readFieldValue(field('drop_down', { type_config: { options }, value: 1 }))).toBe('Back-end Café');
    expect(readFieldValue(field('drop_down', { type_config: { options }, value: 'u-1' }))).toBe('Frontend');
    expect(
      readFieldValue(field('labels', { type_config: { options: labelOptions }, value: ['l-2'] })),
    ).toEqual(['Customer']);
  });

  it('reads numbers, dates and progress as numbers, people as {id, name}, and empty as null', () => {
    expect(readFieldValue(field('currency', { value: '56000.5' }))).toBe(56000.5);
    expect(readFieldValue(field('date', { value: '1731523200000' }))).toBe(1731523200000);
    expect(
      readFieldValue(field('manual_progress', { value: { current: '40', percent_completed: 40 } })),
    ).toBe(40);
    expect(readFieldValue(field('users', { value: [{ id: 7, username: 'Sam' }] }))).toEqual([
      { id: 7, name: 'Sam' },
    ]);
    expect(readFieldValue(field('short_text'))).toBeNull();
  });
});

describe('writeFieldValue', () => {
  it('turns option names into ids, ignoring case and accents, and lists the options for an unknown name', () => {
    const dropDown = field('drop_down', { type_config: { options } });
    expect(writeFieldValue(dropDown, 'BACK-END CAFE', null)).toEqual({
      value: 'u-2',
      readable: 'Back-end Café',
      taskIds: [],
    });
    expect(writeFieldValue(dropDown, 'u-1', null).value).toBe('u-1');
    expect(() => writeFieldValue(dropDown, 'Mobile', null)).toThrow(/valid options: Frontend, Back-end Café/);
    const labels = field('labels', { type_config: { options: labelOptions } });
    expect(writeFieldValue(labels, ['customer', 'l-1'], null)).toEqual({
      value: ['l-2', 'l-1'],
      readable: ['Customer', 'Urgent'],
      taskIds: [],
    });
  });

  it('turns a full set of people into add/rem against the current value, with "me"', () => {
    const users = field('users', {
      value: [
        { id: 1, username: 'A' },
        { id: 2, username: 'B' },
      ],
    });
    expect(writeFieldValue(users, [2, 'me'], 9).value).toEqual({ add: [9], rem: [1] });
    expect(writeFieldValue(users, { add: ['me'] }, 9).value).toEqual({ add: [9], rem: [] });
  });

  it('names every task a relationship write links or unlinks, for the scope to prove', () => {
    for (const type of ['tasks', 'list_relationship']) {
      const related = field(type, {
        value: [
          { id: 'a1', name: 'A' },
          { id: 'b2', name: 'B' },
        ],
      });
      expect(writeFieldValue(related, ['b2', 'c3'], null)).toMatchObject({
        value: { add: ['c3'], rem: ['a1'] },
        taskIds: ['c3', 'a1'],
      });
      expect(writeFieldValue(related, { add: ['d4'], rem: ['e5'] }, null).taskIds).toEqual(['d4', 'e5']);
      for (const bad of ['..', 'x/y', '%2e', '']) {
        expect(() => writeFieldValue(related, [bad], null)).toThrow(
          expect.objectContaining({ code: 'VALIDATION_ERROR', path: 'value' }),
        );
      }
    }
  });

  it('converts ISO dates, numeric strings and checkbox strings, and refuses the wrong type with path value', () => {
    expect(writeFieldValue(field('date'), '2030-01-01T00:00:00Z', null).value).toBe(Date.UTC(2030, 0, 1));
    expect(writeFieldValue(field('number'), '12.5', null).value).toBe(12.5);
    expect(writeFieldValue(field('checkbox'), 'false', null).value).toBe(false);
    expect(writeFieldValue(field('manual_progress'), 30, null).value).toEqual({ current: 30 });
    try {
      writeFieldValue(field('number'), 'many', null);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ToolError);
      expect(error).toMatchObject({ code: 'VALIDATION_ERROR', path: 'value' });
    }
  });
});

describe('findField', () => {
  it('finds a field by id, or by name whatever the case', () => {
    const fields = [field('number'), field('short_text')];
    expect(findField(fields, 'f-number')?.type).toBe('number');
    expect(findField(fields, 'my SHORT_TEXT')?.type).toBe('short_text');
    expect(findField(fields, 'nothing')).toBeNull();
  });
});
