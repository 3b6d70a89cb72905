import type { ClickUpClient } from '@gw/clickup-client';
import { z } from 'zod';
import { validationIssues } from './envelope';
import { rule, timeField } from './input-fields';
import { resolvePeople, resolveUser, resolveUserValue, userRef, userRefs } from './people';
import { Scope } from './scope';
import type { ToolContext } from './tool-context';
import type { ToolSelection } from './catalog';

const messagesOf = (schema: z.ZodType, value: unknown, args?: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : validationIssues(parsed.error, args ?? value).map((i) => i.message);
};

describe('timeField: epoch ms or ISO 8601, UTC when no offset', () => {
  const args = z.object({ due_date: timeField });
  const ms = (value: unknown) => args.parse({ due_date: value }).due_date;

  it('takes epoch milliseconds as they are, also as a numeric string', () => {
    expect(ms(1735689600000)).toBe(1735689600000);
    expect(ms('1735689600000')).toBe(1735689600000);
  });

  it('reads a date, and a date-time without offset, in UTC (never in the local time of the gateway)', () => {
    expect(ms('2025-01-01')).toBe(Date.UTC(2025, 0, 1));
    expect(ms('2025-01-01T09:30')).toBe(Date.UTC(2025, 0, 1, 9, 30));
    expect(ms('2025-01-01T09:30:15.250')).toBe(Date.UTC(2025, 0, 1, 9, 30, 15, 250));
    expect(ms('2025-01-01 09:30:00')).toBe(Date.UTC(2025, 0, 1, 9, 30));
  });

  it('honours an offset or Z', () => {
    expect(ms('2025-01-01T09:30:00Z')).toBe(Date.UTC(2025, 0, 1, 9, 30));
    expect(ms('2025-01-01T09:30:00+02:00')).toBe(Date.UTC(2025, 0, 1, 7, 30));
    expect(ms('2025-01-01T09:30:00-0530')).toBe(Date.UTC(2025, 0, 1, 15, 0));
  });

  it('refuses epoch seconds naming the mistake and the fix', () => {
    expect(messagesOf(args, { due_date: 1735689600 })).toEqual([
      'due_date: 1735689600 looks like epoch seconds; give milliseconds (1735689600000) or ISO 8601',
    ]);
  });

  it('refuses negative, fractional, tiny and huge numbers, and text that is no ISO 8601 time', () => {
    expect(messagesOf(args, { due_date: -5 })[0]).toMatch(
      /^due_date: -5 is before 1970; give epoch milliseconds/,
    );
    expect(messagesOf(args, { due_date: 1735689600000.5 })[0]).toMatch(/not whole milliseconds/);
    expect(messagesOf(args, { due_date: 5000 })[0]).toMatch(/too small for epoch milliseconds/);
    expect(messagesOf(args, { due_date: 1735689600000000 })[0]).toMatch(/microseconds/);
    expect(messagesOf(args, { due_date: 'tomorrow' })[0]).toBe(
      'due_date: "tomorrow" is not a time; give epoch milliseconds or ISO 8601 (e.g. 2025-01-31 or 2025-01-31T09:00:00Z)',
    );
    expect(messagesOf(args, { due_date: 'Jan 5 2025' })[0]).toMatch(/is not a time/);
    expect(messagesOf(args, { due_date: '2025-02-30' })[0]).toMatch(/is not a valid date/);
    expect(messagesOf(args, { due_date: true })[0]).toBe('due_date: got true; expected a number or a string');
  });

  it('is listed as a number or a string with its one description', () => {
    const listed = z.toJSONSchema(timeField, { io: 'input' }) as Record<string, unknown>;
    expect(listed['description']).toBe('Epoch ms or ISO 8601 (UTC if no offset)');
  });
});

describe('validation messages name the argument, what was given and what is accepted', () => {
  const schema = z
    .object({
      name: z.string(),
      order_by: z.enum(['created', 'updated']).optional(),
      limit: z.number().int().min(1).max(100).optional(),
      priority: z.union([z.number().int(), z.enum(['high', 'low'])]).optional(),
    })
    .refine((a) => a.name !== 'x', rule('name x is taken.', 'name'));

  it('for a missing required argument', () => {
    expect(messagesOf(schema, {})).toEqual(['name: missing; expected a string']);
  });
  it('for a wrong type', () => {
    expect(messagesOf(schema, { name: 5 })).toEqual(['name: got 5; expected a string']);
  });
  it('for an enum', () => {
    expect(messagesOf(schema, { name: 'a', order_by: 'newest' })).toEqual([
      'order_by: got "newest"; expected one of "created", "updated"',
    ]);
  });
  it('for a bound', () => {
    expect(messagesOf(schema, { name: 'a', limit: 500 })).toEqual([
      'limit: got 500; expected a number at most 100',
    ]);
  });
  it('for a union, listing each accepted form', () => {
    expect(messagesOf(schema, { name: 'a', priority: 'urgent' })).toEqual([
      'priority: got "urgent"; expected a number or one of "high", "low"',
    ]);
  });
  it('keeps an argument rule as written', () => {
    expect(messagesOf(schema, { name: 'x' })).toEqual(['name x is taken.']);
  });
  it('never answers a bare "Invalid input"', () => {
    const all = [
      ...messagesOf(schema, { name: null, priority: {} }),
      ...messagesOf(userRefs(), [0, '', 'ok']),
    ];
    expect(all.length).toBeGreaterThan(0);
    for (const m of all) expect(m).not.toMatch(/^([\w.]+: )?Invalid input/);
  });
});

describe('people: a user id, "me", an email or a name', () => {
  const MEMBERS = [
    { id: 101, username: 'Sarah Chen', email: 'sarah.chen@acme.test' },
    { id: 102, username: 'Sarah Lee', email: 'sarah.lee@acme.test' },
    { id: 103, username: 'Jörg Müller', email: 'Joerg@Acme.test' },
    { id: 104, username: 'Dan', email: 'dan@acme.test' },
    { id: 105, username: 'Danielle Roy', email: 'danielle@acme.test' },
  ];
  let reads: { members: number; me: number };

  function context(pinned = false): ToolContext {
    reads = { members: 0, me: 0 };
    const client = {
      workspaces: {
        list: async () => {
          reads.members += 1;
          return { data: [{ id: '9011', members: MEMBERS.map((user) => ({ user })) }] };
        },
      },
      user: {
        me: async () => {
          reads.me += 1;
          return { data: { id: 104 } };
        },
      },
    } as unknown as ClickUpClient;
    const scope = new Scope('9011', pinned ? ['90111'] : []).forCall();
    return { client, scope, selection: {} as ToolSelection };
  }

  it('accepts ids, "me", emails and names in the schema, and refuses what cannot be a person', () => {
    for (const v of [7, 'me', 'x@y.z', 'Sarah']) expect(userRef.safeParse(v).success).toBe(true);
    expect(messagesOf(z.object({ assignee: userRef }), { assignee: 0 })).toEqual([
      'assignee: 0 is not a person; give a user id (member_list), "me", an email or a name',
    ]);
    expect(messagesOf(z.object({ assignee: userRef }), { assignee: '  ' })[0]).toMatch(/is not a person/);
  });

  it('resolves ids, numeric strings, "me", emails (any case) and names (exact, any case or accents)', async () => {
    const ctx = context();
    expect(await resolveUser(7, ctx, 'a')).toBe(7);
    expect(await resolveUser('7', ctx, 'a')).toBe(7);
    expect(await resolveUser('me', ctx, 'a')).toBe(104);
    expect(await resolveUser('JOERG@acme.TEST', ctx, 'a')).toBe(103);
    expect(await resolveUser('jorg muller', ctx, 'a')).toBe(103);
    expect(await resolveUser('sarah chen', ctx, 'a')).toBe(101);
    // An exact name wins over the names that contain it.
    expect(await resolveUser('dan', ctx, 'a')).toBe(104);
    // Else the one member whose name contains it.
    expect(await resolveUser('roy', ctx, 'a')).toBe(105);
    expect(reads).toEqual({ members: 1, me: 1 });
  });

  it('answers ambiguity with the candidates (name, email, id), naming the argument', async () => {
    await expect(resolveUser('sarah', context(), 'assignees.0')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      path: 'assignees.0',
      message:
        'assignees.0: "sarah" matches 2 members: Sarah Chen <sarah.chen@acme.test> (id 101), ' +
        'Sarah Lee <sarah.lee@acme.test> (id 102); give the user id or email.',
    });
  });

  it('shows no emails in the candidates on a server pinned to spaces, which may not read the directory', async () => {
    await expect(resolveUser('sarah', context(true), 'assignee')).rejects.toMatchObject({
      message:
        'assignee: "sarah" matches 2 members: Sarah Chen (id 101), Sarah Lee (id 102); give the user id or email.',
    });
  });

  it('answers no match naming the argument and what was given', async () => {
    await expect(resolveUser('nobody@acme.test', context(), 'owners.1')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message:
        'owners.1: no workspace member matches "nobody@acme.test"; give a user id (member_list), "me", an email or a name.',
    });
  });

  it('resolves every user argument of a tool input, nested and nullable ones included, reading once', async () => {
    const input = z.object({
      assignees: userRefs().optional(),
      assignee: userRef.nullable().optional(),
      owner: userRef.optional(),
      other: z.string().optional(),
    });
    const ctx = context();
    const args = input.parse({
      assignees: ['me', 'Sarah Lee', 101],
      assignee: null,
      owner: 'dan@acme.test',
      other: 'me',
    });
    expect(await resolvePeople(input, args, ctx)).toEqual({
      assignees: [104, 102, 101],
      assignee: null,
      owner: 104,
      other: 'me',
    });
    expect(reads).toEqual({ members: 1, me: 1 });
  });

  it('resolves the people of a users custom field value, as a list or as {add, rem}', async () => {
    const ctx = context();
    expect(await resolveUserValue(['me', 'Sarah Lee', 7, '8'], ctx, 'value')).toEqual([104, 102, 7, 8]);
    expect(await resolveUserValue({ add: ['dan@acme.test'], rem: [101] }, ctx, 'value')).toEqual({
      add: [104],
      rem: [101],
    });
    await expect(resolveUserValue({ add: ['sarah'] }, ctx, 'value')).rejects.toMatchObject({
      path: 'value.add.0',
    });
    expect(reads).toEqual({ members: 1, me: 1 });
  });

  it('reads nothing when every person is given by id', async () => {
    const input = z.object({ assignees: userRefs() });
    const ctx = context();
    const args = input.parse({ assignees: [1, 2] });
    expect(await resolvePeople(input, args, ctx)).toBe(args);
    expect(reads).toEqual({ members: 0, me: 0 });
  });
});
