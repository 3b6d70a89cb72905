import {
  requestBuilders,
  type ClickUpRawResponse,
  type ClickUpRequest,
  type CustomTaskIdOptions,
} from '@gw/clickup-client';
import type { JournaledAnswer } from '@gw/queue';

export interface AppliedCheckContext {
  /** Reads through the token's budget. */
  read(request: ClickUpRequest): Promise<ClickUpRawResponse>;
  /** The ClickUp user the connection acts as. */
  userId: number;
}

/**
 * Looks upstream for what a create made, if it was applied: the answer ClickUp would have given (null when it finds
 * nothing, so the create can be sent). `since` is when the create was first sent.
 */
type AppliedCheck = (
  request: ClickUpRequest,
  since: number,
  context: AppliedCheckContext,
) => Promise<JournaledAnswer | null>;

/** Clocks differ between this host and ClickUp; an object stamped this much before the first send still counts. */
const CLOCK_SLACK_MS = 2_000;
const MAX_TASK_PAGES = 5;
const MAX_COMMENT_PAGES = 8;

type Row = Record<string, unknown>;

const str = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
const num = (value: unknown): number | null => {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};
const bodyOf = (request: ClickUpRequest): Row => (request.body ?? {}) as Row;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const userIdOf = (value: unknown): number | null =>
  value !== null && typeof value === 'object' ? num((value as Row)['id']) : num(value);

/** The path's ids, from a pattern with one group per id. */
function ids(request: ClickUpRequest, pattern: RegExp): string[] {
  const match = pattern.exec(request.path);
  if (!match) throw new Error(`unexpected path ${request.path} for ${request.operation}`);
  return match.slice(1).map(decodeURIComponent);
}

function customTaskIds(request: ClickUpRequest): CustomTaskIdOptions {
  return request.query['custom_task_ids'] === 'true'
    ? { customTaskIds: true, teamId: String(request.query['team_id']) }
    : {};
}

const createdSince = (row: Row, since: number) => (num(row['date_created']) ?? 0) >= since - CLOCK_SLACK_MS;

/** Task: same list, same name (and parent), created by the same user after the first send. */
const taskCheck: AppliedCheck = async (request, since, { read, userId }) => {
  const [listId] = ids(request, /^\/list\/([^/]+)\/task$/);
  const body = bodyOf(request);
  for (let page = 0; page < MAX_TASK_PAGES; page++) {
    const { body: answer } = await read(
      requestBuilders.tasks.listInList(listId, {
        page,
        includeClosed: true,
        subtasks: true,
        orderBy: 'created',
        dateCreatedGt: since - CLOCK_SLACK_MS,
      }),
    );
    const tasks = rows((answer as Row)['tasks']);
    const match = tasks.find(
      (task) =>
        task['name'] === body['name'] &&
        userIdOf(task['creator']) === userId &&
        createdSince(task, since) &&
        (body['parent'] === undefined || str(task['parent']) === str(body['parent'])),
    );
    if (match) {
      const full = await read(requestBuilders.tasks.get(String(match['id'])));
      return { status: 200, body: full.body };
    }
    if ((answer as Row)['last_page'] !== false || tasks.length < 100) return null;
  }
  return null;
};

/** Comment: same text, same author, dated after the first send (pages are newest first). */
function commentCheck(target: 'task' | 'list'): AppliedCheck {
  return async (request, since, { read, userId }) => {
    const [id] = ids(
      request,
      target === 'task' ? /^\/task\/([^/]+)\/comment$/ : /^\/list\/([^/]+)\/comment$/,
    );
    const text = str(bodyOf(request)['comment_text']);
    let cursor: { start: number; startId: string } | undefined;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const listing =
        target === 'task'
          ? requestBuilders.comments.listForTask(id, { ...customTaskIds(request), ...(cursor ?? {}) })
          : requestBuilders.comments.listForList(id, cursor ?? {});
      const comments = rows(((await read(listing)).body as Row)['comments']);
      for (const comment of comments) {
        const date = num(comment['date']) ?? 0;
        if (date < since - CLOCK_SLACK_MS) return null;
        if (str(comment['comment_text']) === text && userIdOf(comment['user']) === userId) {
          return { status: 200, body: { id: str(comment['id']), hist_id: null, date: comment['date'] } };
        }
      }
      const last = comments.at(-1);
      if (!last || comments.length < 25) return null;
      cursor = { start: num(last['date']) ?? 0, startId: String(last['id']) };
    }
    return null;
  };
}

/** Time entry: same start, duration, description and task, for the same user. */
const timeEntryCheck: AppliedCheck = async (request, _since, { read, userId }) => {
  const [teamId] = ids(request, /^\/team\/([^/]+)\/time_entries$/);
  const body = bodyOf(request);
  const start = num(body['start']) ?? 0;
  const duration = num(body['duration']) ?? 0;
  const assignee = num(body['assignee']) ?? userId;
  const { body: answer } = await read(
    requestBuilders.timeEntries.list(teamId, {
      startDate: start - 1,
      endDate: start + duration + 1,
      assignee,
    }),
  );
  const match = rows((answer as Row)['data']).find(
    (entry) =>
      num(entry['start']) === start &&
      num(entry['duration']) === duration &&
      (str(entry['description']) ?? '') === (str(body['description']) ?? '') &&
      str(((entry['task'] ?? {}) as Row)['id']) === (str(body['tid']) ?? null),
  );
  return match ? { status: 200, body: { data: match } } : null;
};

/** Timer start: a timer of the same task and description running since the first send. */
const timerCheck: AppliedCheck = async (request, since, { read }) => {
  const [teamId] = ids(request, /^\/team\/([^/]+)\/time_entries\/start$/);
  const body = bodyOf(request);
  const running = ((await read(requestBuilders.timeEntries.current(teamId))).body as Row)[
    'data'
  ] as Row | null;
  if (!running) return null;
  const same =
    (num(running['start']) ?? 0) >= since - CLOCK_SLACK_MS &&
    (str(running['description']) ?? '') === (str(body['description']) ?? '') &&
    str(((running['task'] ?? {}) as Row)['id']) === (str(body['tid']) ?? null);
  return same ? { status: 200, body: { data: running } } : null;
};

/**
 * Spaces, folders and lists: the same name under the same parent. ClickUp's hierarchy objects carry no creator or
 * date, and a second object of the same name beside the first is what a replay would make.
 */
function namedCheck(
  pattern: RegExp,
  listing: (parentId: string) => ClickUpRequest,
  key: string | null,
): AppliedCheck {
  return async (request, _since, { read }) => {
    const [parentId] = ids(request, pattern);
    const answer = (await read(listing(parentId))).body;
    const items = key ? rows((answer as Row)[key]) : rows(answer);
    const match = items.find((item) => item['name'] === bodyOf(request)['name']);
    return match ? { status: 200, body: match } : null;
  };
}

/** Checklist: a checklist of the same name on the task. */
const checklistCheck: AppliedCheck = async (request, _since, { read }) => {
  const [taskId] = ids(request, /^\/task\/([^/]+)\/checklist$/);
  const task = (await read(requestBuilders.tasks.get(taskId, customTaskIds(request)))).body as Row;
  const match = rows(task['checklists']).find((c) => c['name'] === bodyOf(request)['name']);
  return match ? { status: 200, body: { checklist: match } } : null;
};

/** Goal: same name, same creator, created after the first send. */
const goalCheck: AppliedCheck = async (request, since, { read, userId }) => {
  const [teamId] = ids(request, /^\/team\/([^/]+)\/goal$/);
  const goals = rows(((await read(requestBuilders.goals.list(teamId))).body as Row)['goals']);
  const match = goals.find(
    (g) =>
      g['name'] === bodyOf(request)['name'] && userIdOf(g['creator']) === userId && createdSince(g, since),
  );
  if (!match) return null;
  return { status: 200, body: (await read(requestBuilders.goals.get(String(match['id'])))).body };
};

/** Key result: same name on the goal, same creator, created after the first send. */
const keyResultCheck: AppliedCheck = async (request, since, { read, userId }) => {
  const [goalId] = ids(request, /^\/goal\/([^/]+)\/key_result$/);
  const goal = ((await read(requestBuilders.goals.get(goalId))).body as Row)['goal'] as Row | undefined;
  const match = rows(goal?.['key_results']).find(
    (k) =>
      k['name'] === bodyOf(request)['name'] && userIdOf(k['creator']) === userId && createdSince(k, since),
  );
  return match ? { status: 200, body: { key_result: match } } : null;
};

/** Doc: same name and parent, by the same creator, created after the first send. */
const docCheck: AppliedCheck = async (request, since, { read, userId }) => {
  const [workspaceId] = ids(request, /^\/workspaces\/([^/]+)\/docs$/);
  const body = bodyOf(request);
  const parent = (body['parent'] ?? null) as Row | null;
  const { body: answer } = await read(
    requestBuilders.docs.search(workspaceId, {
      creator: userId,
      ...(parent ? { parentId: String(parent['id']) } : {}),
      limit: 100,
    }),
  );
  const match = rows((answer as Row)['docs']).find(
    (doc) => doc['name'] === body['name'] && createdSince(doc, since),
  );
  return match ? { status: 200, body: match } : null;
};

/** Page: same name and parent page in the doc, created after the first send. */
const pageCheck: AppliedCheck = async (request, since, { read, userId }) => {
  const [workspaceId, docId] = ids(request, /^\/workspaces\/([^/]+)\/docs\/([^/]+)\/pages$/);
  const body = bodyOf(request);
  const pages = (await read(requestBuilders.docs.pages(workspaceId, docId, { maxPageDepth: -1 }))).body;
  const flat: Row[] = [];
  const walk = (items: Row[]) =>
    items.forEach((page) => {
      flat.push(page);
      walk(rows(page['pages']));
    });
  walk(rows(pages));
  const match = flat.find(
    (page) =>
      page['name'] === body['name'] &&
      (body['parent_page_id'] === undefined || str(page['parent_page_id']) === str(body['parent_page_id'])) &&
      (num(page['creator_id']) ?? userId) === userId &&
      createdSince(page, since),
  );
  return match ? { status: 200, body: match } : null;
};

const CHECKS: Record<string, AppliedCheck> = {
  createTask: taskCheck,
  createTaskComment: commentCheck('task'),
  createListComment: commentCheck('list'),
  createatimeentry: timeEntryCheck,
  startatimeEntry: timerCheck,
  createSpace: namedCheck(/^\/team\/([^/]+)\/space$/, (id) => requestBuilders.spaces.list(id), 'spaces'),
  createFolder: namedCheck(/^\/space\/([^/]+)\/folder$/, (id) => requestBuilders.folders.list(id), 'folders'),
  createList: namedCheck(
    /^\/folder\/([^/]+)\/list$/,
    (id) => requestBuilders.lists.listInFolder(id),
    'lists',
  ),
  createFolderlessList: namedCheck(
    /^\/space\/([^/]+)\/list$/,
    (id) => requestBuilders.lists.listFolderless(id),
    'lists',
  ),
  createChecklist: checklistCheck,
  createGoal: goalCheck,
  createKeyResult: keyResultCheck,
  createDocPublic: docCheck,
  createPagePublic: pageCheck,
};

/**
 * What a create that may have been applied made upstream: its answer when found, null when it was not applied,
 * undefined when there is no way to tell (it must then not be sent again blindly).
 */
export function findApplied(
  request: ClickUpRequest,
  since: number,
  context: AppliedCheckContext,
): Promise<JournaledAnswer | null | undefined> {
  const check = CHECKS[request.operation];
  return check ? check(request, since, context) : Promise.resolve(undefined);
}
