import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());

interface Field {
  id: string;
  name: string;
  type: string;
  value?: unknown;
  type_config: { options?: { id: string; name: string; orderindex: number }[] };
}

async function fieldsOf(taskId: string): Promise<Field[]> {
  return (await run.api.get<{ custom_fields: Field[] }>(`/api/v2/task/${taskId}`)).body.custom_fields;
}

async function definitions(): Promise<Record<string, Field>> {
  const res = await run.api.get<{ fields: Field[] }>(`/api/v2/list/${run.seed.lists['Sprint 42']}/field`);
  return Object.fromEntries(res.body.fields.map((f) => [f.name, f]));
}

describe('custom field definitions', () => {
  it('lists a list’s fields including the space-level drop-down with option ids', async () => {
    const defs = await definitions();
    expect(Object.keys(defs).sort()).toEqual(['Component', 'Release Notes', 'Sprint Goal', 'Story Points']);
    expect(defs['Component'].type).toBe('drop_down');
    expect(defined(defs['Component'].type_config.options).map((o) => [o.name, o.orderindex])).toEqual([
      ['Frontend', 0],
      ['Backend', 1],
      ['Infrastructure', 2],
    ]);
    expect(defined(defs['Component'].type_config.options)[0].id).toMatch(/^[0-9a-f-]{36}$/);
    const bugs = await run.api.get<{ fields: Field[] }>(
      `/api/v2/list/${run.seed.lists['Incoming Bugs']}/field`,
    );
    expect(bugs.body.fields.map((f) => f.name)).toEqual(['Component', 'Reviewer']);
    const space = await run.api.get<{ fields: Field[] }>(
      `/api/v2/space/${run.seed.spaces['Engineering']}/field`,
    );
    expect(space.body.fields.map((f) => f.name)).toEqual(['Component']);
  });
});

describe('custom field values', () => {
  it('writes a drop-down by option id and reads back the option’s orderindex', async () => {
    const defs = await definitions();
    const bug = run.seed.tasks['POST /api/orders returns 500 for large carts'].id;
    const backend = defined(defined(defs['Component'].type_config.options).find((o) => o.name === 'Backend'));
    expect((await fieldsOf(bug)).find((f) => f.name === 'Component')).not.toHaveProperty('value');
    const res = await run.api.post(`/api/v2/task/${bug}/field/${defs['Component'].id}`, {
      value: backend.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(defined((await fieldsOf(bug)).find((f) => f.name === 'Component')).value).toBe(1);
    const byName = await run.api.post(`/api/v2/task/${bug}/field/${defs['Component'].id}`, {
      value: 'Backend',
    });
    expect(byName.status).toBe(400);
    expect(byName.body).toMatchObject({ ECODE: expect.any(String), err: expect.stringContaining('option') });
    const byIndex = await run.api.post(`/api/v2/task/${bug}/field/${defs['Component'].id}`, { value: 1 });
    expect(byIndex.status).toBe(400);
  });

  it('reads a number back as a string, text as text, and omits value once cleared', async () => {
    const defs = await definitions();
    const task = run.seed.tasks['Write API docs for v2 endpoints'].id;
    await run.api.post(`/api/v2/task/${task}/field/${defs['Story Points'].id}`, { value: 13 });
    await run.api.post(`/api/v2/task/${task}/field/${defs['Sprint Goal'].id}`, {
      value: 'Docs for every endpoint',
    });
    let fields = await fieldsOf(task);
    expect(defined(fields.find((f) => f.name === 'Story Points')).value).toBe('13');
    expect(defined(fields.find((f) => f.name === 'Sprint Goal')).value).toBe('Docs for every endpoint');
    expect(
      (await run.api.post(`/api/v2/task/${task}/field/${defs['Story Points'].id}`, { value: 'many' })).status,
    ).toBe(400);
    expect(
      (await run.api.post(`/api/v2/task/${task}/field/${defs['Story Points'].id}`, { value: -2.5 })).status,
    ).toBe(200);
    expect(defined((await fieldsOf(task)).find((f) => f.name === 'Story Points')).value).toBe('-2.5');
    expect((await run.api.delete(`/api/v2/task/${task}/field/${defs['Story Points'].id}`)).body).toEqual({});
    fields = await fieldsOf(task);
    expect(fields.find((f) => f.name === 'Story Points')).not.toHaveProperty('value');
    // Idempotent when already empty.
    expect((await run.api.delete(`/api/v2/task/${task}/field/${defs['Story Points'].id}`)).status).toBe(200);
  });

  it('rejects a field that does not apply to the task’s list with {err, ECODE, message}', async () => {
    const defs = await definitions();
    const marketingTask = run.seed.tasks['Draft launch blog post'].id;
    const res = await run.api.post(`/api/v2/task/${marketingTask}/field/${defs['Story Points'].id}`, {
      value: 3,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['ECODE', 'err', 'message']);
    expect((await run.api.post(`/api/v2/task/${marketingTask}/field/not-a-field`, { value: 3 })).status).toBe(
      400,
    );
  });

  it('takes custom_fields on create with the same formats', async () => {
    const defs = await definitions();
    const frontend = defined(
      defined(defs['Component'].type_config.options).find((o) => o.name === 'Frontend'),
    ).id;
    const created = await run.api.post<{ custom_fields: Field[] }>(
      `/api/v2/list/${run.seed.lists['Sprint 42']}/task`,
      {
        name: 'With fields',
        custom_fields: [
          { id: defs['Component'].id, value: frontend },
          { id: defs['Story Points'].id, value: 2 },
          { id: defs['Sprint Goal'].id, value: null },
        ],
      },
    );
    expect(created.status).toBe(200);
    const byName = Object.fromEntries(created.body.custom_fields.map((f) => [f.name, f]));
    expect(byName['Component'].value).toBe(0);
    expect(byName['Story Points'].value).toBe('2');
    expect(byName['Sprint Goal']).not.toHaveProperty('value');
    const wrong = await run.api.post(`/api/v2/list/${run.seed.lists['Sprint 42']}/task`, {
      name: 'x',
      custom_fields: [{ id: defs['Component'].id, value: 'nope' }],
    });
    expect(wrong.status).toBe(400);
  });

  it('reads currency back as a string and accepts custom task ids on the field routes', async () => {
    const res = await run.api.get<{ fields: Field[] }>(
      `/api/v2/list/${run.seed.lists['Customer Success Q3']}/field`,
    );
    const arr = defined(res.body.fields.find((f) => f.name === 'ARR'));
    const task = run.seed.tasks['Churn interview synthesis'];
    const set = await run.api.post(
      `/api/v2/task/${task.custom_id}/field/${arr.id}`,
      { value: 12000.5 },
      { query: { custom_task_ids: true, team_id: run.seed.acme } },
    );
    expect(set.status).toBe(200);
    expect(defined((await fieldsOf(task.id)).find((f) => f.name === 'ARR')).value).toBe('12000.5');
  });
});
