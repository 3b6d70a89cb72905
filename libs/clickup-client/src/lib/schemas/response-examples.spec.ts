import {
  checkResponseAgainstSpec,
  findOperationByName,
  hasJsonResponse,
  responseExamples,
  type SpecOperation,
} from '../../../test/openapi-spec';
import { ClickUpError } from '../http/errors';
import { parseResponse } from '../parse-response';
import { responseSchemas, type OperationName, type ResponseOf } from './response-schemas';

// Each operation's answers as ClickUp's spec shows them must read through the client's schema. Where the
// spec gives no example, a fixture stands in, and the fixture is itself checked against the spec's schema.

const operations = Object.keys(responseSchemas) as OperationName[];

function parse<Op extends OperationName>(operation: Op, body: unknown, status = 200): ResponseOf<Op> {
  return parseResponse({ operation, method: 'GET' }, { status, body, rateLimit: null });
}

function specOperation(operation: OperationName): SpecOperation {
  const op = findOperationByName(operation);
  if (!op) throw new Error(`${operation} is not in the spec`);
  return op;
}

/** Spec examples that are wrong in the spec itself, and the one change that makes them what ClickUp sends. */
const EXAMPLE_FIXES: Partial<Record<OperationName, { reason: string; fix: (example: unknown) => unknown }>> =
  {
    getSpaces: {
      reason:
        'The example\'s member has `"id": "12312312,"` (a trailing comma inside the string, like its other ' +
        'values); user ids are integers everywhere else in the spec.',
      fix: (example) => JSON.parse(JSON.stringify(example).replace(/"12312312,"/g, '12312312')) as unknown,
    },
    getView: {
      reason:
        "The example is an array of the answer's two alternatives (a `{view}` object and a flat form view), " +
        'not one answer; the first is read here.',
      fix: (example) => (example as unknown[])[0],
    },
  };

const folderlessList = {
  id: '124',
  name: 'Inbox',
  orderindex: 1,
  content: '',
  status: null,
  priority: null,
  assignee: null,
  task_count: '3',
  due_date: null,
  start_date: null,
  folder: { id: '457', name: 'hidden', hidden: true, access: true },
  space: { id: '789', name: 'Space Name', access: true },
  archived: false,
  override_statuses: false,
  permission_level: 'create',
};

const doc = {
  id: '8cht190-831',
  date_created: 1721990400000,
  date_updated: 1721990500000,
  name: 'API Rate Limiting Guidelines',
  type: 1,
  parent: { id: '9011234080', type: 12 },
  public: false,
  workspace_id: 9011234080,
  creator: 183,
  deleted: false,
  archived: false,
};

const page = {
  id: '8cht190-271',
  doc_id: '8cht190-831',
  workspace_id: 9011234080,
  name: 'Limits',
  sub_title: 'Per token',
  date_created: 1721990400000,
  content: '# 100 requests per minute',
  creator_id: 183,
  authors: [183],
  contributors: [],
  pages: [
    {
      id: '8cht190-331',
      doc_id: '8cht190-831',
      parent_page_id: '8cht190-271',
      workspace_id: 9011234080,
      name: 'Burst',
      date_created: 1721990400000,
      content: '',
      creator_id: 183,
      authors: [183],
    },
  ],
};

// The spec's List schema reads `status` and `priority` as oneOf [object, string|null, {}]: the empty branch
// matches every value, so no object, string or null can match exactly one branch. Those errors are the
// schema's, not the fixture's.
const LIST_ONE_OF_DEFECT =
  /^\/lists\/\d+\/(status|priority) must (be string,null|be object|match exactly one schema in oneOf)$/;

/** Answers for operations whose spec entry has no example, each valid for the spec's response schema. */
const FIXTURES: Partial<Record<OperationName, { status: string; body: unknown; specDefect?: RegExp }>> = {
  getLists: {
    status: '200',
    body: {
      lists: [
        {
          ...folderlessList,
          folder: { id: '456', name: 'Folder Name', hidden: false, access: true },
          status: { status: 'red', color: '#e50000', hide_label: true },
          priority: { priority: 'high', color: '#f50000' },
          due_date: '1567780450202',
        },
      ],
    },
    specDefect: LIST_ONE_OF_DEFECT,
  },
  getFolderlessLists: { status: '200', body: { lists: [folderlessList] }, specDefect: LIST_ONE_OF_DEFECT },
  getAccessibleCustomFields: {
    status: '200',
    body: {
      fields: [
        {
          id: '03efda77-c7a0-42d3-8afd-fd546353c2f5',
          name: 'Text Field',
          type: 'text',
          type_config: {},
          date_created: '1566400407303',
          hide_from_guests: false,
        },
        {
          id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
          name: 'Bug Severity',
          type: 'drop_down',
          type_config: {
            options: [
              { id: 'opt-1', name: 'Low', color: null, orderindex: 0 },
              { id: 'opt-2', name: 'High', color: '#e50000', orderindex: 1 },
            ],
          },
          date_created: '1566400407303',
          hide_from_guests: false,
          applied_objects: [{ object_type: 19, object_id: 1001 }],
        },
      ],
    },
  },
  editChecklist: { status: '200', body: {} },
  updateatimeEntry: { status: '200', body: {} },
  searchDocsPublic: { status: '200', body: { docs: [doc], next_cursor: 'eyJuZXh0Ijo1MH0=' } },
  getDocPublic: { status: '200', body: doc },
  createDocPublic: { status: '201', body: doc },
  getDocPageListingPublic: {
    status: '200',
    body: [
      { id: '8cht190-271', doc_id: '8cht190-831', workspace_id: 9011234080, name: 'Limits' },
      {
        id: '8cht190-311',
        doc_id: '8cht190-831',
        workspace_id: 9011234080,
        name: 'Another page',
        pages: [
          {
            id: '8cht190-331',
            doc_id: '8cht190-831',
            parent_page_id: '8cht190-311',
            workspace_id: 9011234080,
            name: 'Sub',
          },
        ],
      },
    ],
  },
  getDocPagesPublic: { status: '200', body: [page] },
  getPagePublic: { status: '200', body: page },
  createPagePublic: { status: '201', body: page },
};

describe("every operation's spec examples read through the client's schema", () => {
  it.each(operations)('%s', (operation) => {
    const op = specOperation(operation);
    const examples = responseExamples(op);
    const fixture = FIXTURES[operation];
    const successStatus =
      Object.keys(op.operation['responses'] ?? {}).find((s) => s.startsWith('2')) ?? '200';
    if (!hasJsonResponse(op, successStatus)) {
      // The spec describes no body (editPagePublic): an empty answer or `{}` must read.
      expect(fixture).toBeUndefined();
      expect(() => parse(operation, null, Number(successStatus))).not.toThrow();
      expect(() => parse(operation, {}, Number(successStatus))).not.toThrow();
      return;
    }
    // Either the spec shows the answer, or a fixture does; not both (a fixture must not hide a failing example).
    expect(examples.length > 0).toBe(fixture === undefined);

    for (const example of examples) {
      const fix = EXAMPLE_FIXES[operation];
      const body = fix ? fix.fix(example.value) : example.value;
      expect(() => parse(operation, body, Number(example.status))).not.toThrow();
    }
    if (fixture) {
      expect(checkResponseAgainstSpec(op, fixture.status, fixture.body, fixture.specDefect)).toBeNull();
      expect(() => parse(operation, fixture.body, Number(fixture.status))).not.toThrow();
    }
  });

  it('keeps each example fix only while the spec example is still wrong', () => {
    for (const [operation, fix] of Object.entries(EXAMPLE_FIXES)) {
      const examples = responseExamples(specOperation(operation as OperationName));
      expect(fix?.reason).toBeTruthy();
      for (const example of examples) {
        expect(() => parse(operation as OperationName, example.value)).toThrow(ClickUpError);
      }
    }
  });
});

describe('ClickUp quirks in the typed result', () => {
  const taskExample = () => {
    const [example] = responseExamples(specOperation('getTask'));
    return example.value;
  };

  it('turns numbers and timestamps sent as strings into numbers, and missing ones into null', () => {
    const task = parse('getTask', taskExample());
    expect(task.time_estimate).toBe(8640000);
    expect(task.date_created).toBe(1567780450202);
    expect(task.date_closed).toBeNull();
    expect(task.due_date).toBe(1508369194377);
    expect(task.priority).toEqual({ id: '3', priority: 'normal', color: '#f8ae00' });
    expect(
      task.custom_fields.find((f) => f.type === 'drop_down')?.type_config.options?.map((o) => o.orderindex),
    ).toEqual([0, 1, 2, 3, 4, 5]);
    const minimal = parse('getTask', { id: '9hx', name: 'Bare', time_spent: '', points: null });
    expect(minimal).toMatchObject({
      time_spent: null,
      points: null,
      time_estimate: null,
      assignees: [],
      tags: [],
      status: null,
    });
  });

  it('keeps unknown keys out of the typed result', () => {
    const task = parse('getTask', {
      id: '9hx',
      name: 'x',
      secret_internal_flag: true,
      sharing: { token: 't' },
    });
    expect(task).not.toHaveProperty('secret_internal_flag');
    expect(task).not.toHaveProperty('sharing');
  });

  it('reads ids sent as numbers as strings, and user ids sent as strings as numbers', () => {
    const list = parse('getList', {
      id: 124,
      name: 'L',
      assignee: { id: '183', username: 'Sarah' },
      space: { id: 790 },
    });
    expect(list.id).toBe('124');
    expect(list.space?.id).toBe('790');
    expect(list.assignee?.id).toBe(183);
  });

  it('reads a folderless List with its placeholder folder', () => {
    const list = parse('createFolderlessList', folderlessList);
    expect(list.folder).toEqual({ id: '457', name: 'hidden', hidden: true, access: true });
    expect(list.task_count).toBe(3);
  });

  it('reads `{}` and an empty 204 answer as an empty result', () => {
    expect(parse('deleteSpace', {})).toEqual({});
    expect(parse('deleteTask', null, 204)).toEqual({});
  });

  it('marks a running timer and reads the start time and negative duration as numbers', () => {
    const entry = parse('getrunningtimeentry', {
      data: { id: 'timer_id', start: '1595293042560', duration: -25655, user: { id: 300528 } },
    });
    expect(entry).toMatchObject({ running: true, start: 1595293042560, duration: -25655, end: null });
    expect(parse('getrunningtimeentry', { data: null })).toBeNull();
    expect(parse('getrunningtimeentry', {})).toBeNull();
    expect(parse('stopatimeEntry', { data: { id: 't', start: '1', end: 2, duration: '1' } }).running).toBe(
      false,
    );
  });

  it('reads a created time entry from `{data}`, and the documented request echo as null', () => {
    expect(
      parse('createatimeentry', { data: { id: '1963465985517105840', start: 1, duration: 5 } })?.id,
    ).toBe('1963465985517105840');
    const [echo] = responseExamples(specOperation('createatimeentry'));
    expect(parse('createatimeentry', echo.value)).toBeNull();
  });

  it('turns an answer of the wrong shape into UPSTREAM_ERROR naming the fields', () => {
    let error: unknown;
    try {
      parseResponse(
        { operation: 'createTask', method: 'POST' },
        { status: 200, body: { id: '9hx', name: 42, time_estimate: 'soon' }, rateLimit: null },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClickUpError);
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 200, maybeApplied: true });
    expect((error as ClickUpError).message).toContain('createTask');
    expect((error as ClickUpError).message).toContain('name');
    expect((error as ClickUpError).message).toContain('time_estimate');
  });

  it('reads the nested page tree of a Doc', () => {
    const [first, second] = parse('getDocPageListingPublic', FIXTURES.getDocPageListingPublic?.body);
    expect(first.pages).toEqual([]);
    expect(second.pages[0]).toMatchObject({
      id: '8cht190-331',
      parent_page_id: '8cht190-311',
      workspace_id: '9011234080',
    });
    expect(parse('searchDocsPublic', { docs: [] }).next_cursor).toBeNull();
  });
});
