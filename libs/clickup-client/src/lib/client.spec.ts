import type { IncomingMessage } from 'node:http';
import { json, startHttpStub, type HttpStub } from '../../test/http-stub';
import { ClickUpClient } from './client';
import { ClickUpError } from './http/errors';
import { closeClickUpPools } from './http/transport';
import { buildOAuthAuthorizeUrl, oauthExchange } from './oauth';
import { parseResponse } from './parse-response';
import type { ClickUpRequest } from './request';
import { requestBuilders } from './requests';
import { spaceUpdateBody } from './requests/spaces.requests';
import { spaceSchema } from './schemas/spaces.schemas';

let stub: HttpStub;
let client: ClickUpClient;

beforeAll(async () => {
  stub = await startHttpStub();
  client = new ClickUpClient({
    baseUrl: stub.baseUrl,
    credential: { kind: 'personal', token: 'pk_1_TOKEN' },
    timeoutMs: 2000,
  });
});
afterAll(async () => {
  await closeClickUpPools();
  await stub.close();
});
beforeEach(() => {
  stub.requests.length = 0;
});

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://x').searchParams;
}

const task = (id: string) => ({
  id,
  name: `Task ${id}`,
  time_estimate: '3600000',
  date_created: '1567780450202',
});

describe('typed calls', () => {
  it('returns the typed answer with its status and rate limit', async () => {
    stub.handle(
      json(
        200,
        {
          user: {
            id: 183,
            username: 'Sarah',
            email: 's@acme.test',
            color: '#000',
            initials: 'S',
            week_start_day: 1,
            extra: 1,
          },
        },
        { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '98', 'x-ratelimit-reset': '1767225660' },
      ),
    );
    const result = await client.user.me();
    expect(result).toEqual({
      status: 200,
      rateLimit: { limit: 100, remaining: 98, resetAtMs: 1767225660000 },
      data: {
        id: 183,
        username: 'Sarah',
        email: 's@acme.test',
        color: '#000',
        initials: 'S',
        profilePicture: null,
        week_start_day: 1,
      },
    });
  });

  it('reads a task with numbers sent as strings', async () => {
    stub.handle(json(200, { ...task('9hz'), subtasks: [task('9hy')] }));
    const { data } = await client.tasks.get('9hz', { includeSubtasks: true });
    expect(stub.requests[0].url).toBe('/api/v2/task/9hz?include_subtasks=true');
    expect(data).toMatchObject({ id: '9hz', time_estimate: 3600000, date_created: 1567780450202 });
    expect(data.subtasks?.[0]).toMatchObject({ id: '9hy', time_estimate: 3600000 });
  });

  it('rejects arguments a builder cannot send, before anything is sent', async () => {
    const bad = { customTaskIds: true, teamId: '' } as const;
    await expect(client.tasks.get('JOSH-917', bad)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(client.timeEntries.create('1', { start: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(client.timeEntries.update('1', 't', { start: 1 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(client.timeEntries.list('1', { listId: '1', taskId: 't' })).rejects.toBeInstanceOf(
      ClickUpError,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses ids that are not one path segment, before anything is sent', async () => {
    const unsafe = [
      '.',
      '..',
      '',
      '9/../team',
      'a\\b',
      '%2e%2e',
      '12%2F3',
      'abc\n',
      'x\u0000',
      '\u007f',
      '\u0085',
    ];
    for (const id of unsafe) {
      await expect(client.tasks.get(id)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(client.goals.delete(id)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(client.timeEntries.get('9011', id)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    await expect(client.tasks.addTag('86abc', '..')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(stub.requests).toHaveLength(0);
  });

  it('sends a tag name as one encoded segment, slashes and percent signs included', () => {
    expect(requestBuilders.tasks.addTag('86abc', 'a/b 50%').path).toBe('/task/86abc/tag/a%2Fb%2050%25');
    expect(requestBuilders.tasks.get('JOSH-917').path).toBe('/task/JOSH-917');
  });

  it('turns an answer of the wrong shape into UPSTREAM_ERROR', async () => {
    stub.handle(json(200, { spaces: [{ id: '790' }] }));
    await expect(client.spaces.list('1')).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstreamStatus: 200,
    });
  });

  it('replays a request stored as JSON exactly as it was first sent', async () => {
    stub.handle(json(200, task('9hz')));
    const request = requestBuilders.tasks.create('124', {
      name: 'Fix',
      priority: 2,
      custom_fields: [{ id: 'f', value: 3 }],
    });
    await client.send(request);
    const stored = JSON.parse(JSON.stringify(request)) as ClickUpRequest;
    const raw = await client.execute(stored);
    expect(parseResponse(stored, raw)).toMatchObject({ id: '9hz', time_estimate: 3600000 });
    expect(stub.requests[1]).toMatchObject({
      method: stub.requests[0].method,
      url: stub.requests[0].url,
      body: stub.requests[0].body,
    });
  });
});

describe('pagination', () => {
  const pageOf = (page: number, count: number) =>
    Array.from({ length: count }, (_, i) => task(`p${page}t${i}`));

  it('walks task pages until last_page', async () => {
    stub.handle((req, res) => {
      const page = Number(query(req).get('page'));
      json(200, { tasks: pageOf(page, 100), last_page: page === 1 })(req, res, '');
    });
    const pages = [];
    for await (const page of client.listTaskPages('124', { statuses: ['open'] })) pages.push(page);
    expect(pages.map((p) => [p.page, p.items.length, p.isLast])).toEqual([
      [0, 100, false],
      [1, 100, true],
    ]);
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/api/v2/list/124/task?page=0&statuses[]=open',
      '/api/v2/list/124/task?page=1&statuses[]=open',
    ]);
  });

  it('stops on a short page when last_page is missing, and at maxPages', async () => {
    stub.handle((req, res) => {
      const page = Number(query(req).get('page'));
      json(200, { tasks: pageOf(page, page < 2 ? 100 : 37) })(req, res, '');
    });
    const all = [];
    for await (const page of client.teamTaskPages('1234')) all.push(page);
    expect(all.map((p) => p.items.length)).toEqual([100, 100, 37]);
    const limited = [];
    for await (const page of client.teamTaskPages('1234', {}, { maxPages: 1 })) limited.push(page);
    expect(limited.map((p) => p.isLast)).toEqual([false]);
  });

  it('walks comments by start/start_id of the last comment, newest first', async () => {
    const comment = (n: number) => ({
      id: String(n),
      comment_text: `c${n}`,
      date: String(1_700_000_000_000 + n),
    });
    stub.handle((req, res) => {
      const start = query(req).get('start');
      const page =
        start === null ? Array.from({ length: 25 }, (_, i) => comment(100 - i)) : [comment(50), comment(49)];
      json(200, { comments: page })(req, res, '');
    });
    const pages = [];
    for await (const page of client.taskCommentPages('9hz')) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([25, 2]);
    expect(stub.requests[1].url).toBe('/api/v2/task/9hz/comment?start=1700000000076&start_id=76');
    expect(pages[1].next).toBeNull();
  });

  it('follows the docs search cursor until it is empty', async () => {
    const doc = (id: string) => ({
      id,
      name: id,
      type: 1,
      parent: { id: '1', type: 12 },
      public: false,
      workspace_id: 1,
      creator: 1,
      date_created: 1,
      deleted: false,
      archived: false,
    });
    stub.handle((req, res) => {
      const cursor = query(req).get('cursor');
      json(
        200,
        cursor === null ? { docs: [doc('a')], next_cursor: 'c1' } : { docs: [doc('b')], next_cursor: '' },
      )(req, res, '');
    });
    const pages = [];
    for await (const page of client.docSearchPages('1', { limit: 10 })) pages.push(page);
    expect(pages.map((p) => [p.items.map((d) => d.id), p.nextCursor])).toEqual([
      [['a'], 'c1'],
      [['b'], null],
    ]);
    expect(stub.requests[1].url).toBe('/api/v3/workspaces/1/docs?limit=10&cursor=c1');
  });
});

describe('OAuth', () => {
  it('builds the consent URL', () => {
    expect(
      buildOAuthAuthorizeUrl({
        appUrl: 'https://app.clickup.com',
        clientId: 'abc',
        redirectUri: 'https://gw.test/cb?x=1',
        state: 's 1',
      }),
    ).toBe(
      'https://app.clickup.com/api?client_id=abc&redirect_uri=https%3A%2F%2Fgw.test%2Fcb%3Fx%3D1&state=s+1',
    );
  });

  it('exchanges a code for a token with a JSON body and no Authorization header', async () => {
    stub.handle(json(200, { access_token: '183_oauth_abc' }));
    await expect(
      oauthExchange({ baseUrl: stub.baseUrl, clientId: 'cid', clientSecret: 'csecret', code: 'code1' }),
    ).resolves.toBe('183_oauth_abc');
    const [sent] = stub.requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/api/v2/oauth/token' });
    expect(sent.headers.authorization).toBeUndefined();
    expect(JSON.parse(sent.body)).toEqual({ client_id: 'cid', client_secret: 'csecret', code: 'code1' });
  });

  it('fails a refused exchange without revealing the secret or the code', async () => {
    stub.handle(json(401, { err: 'Client not found for csecret / code1', ECODE: 'OAUTH_010' }));
    const error = await oauthExchange({
      baseUrl: stub.baseUrl,
      clientId: 'cid',
      clientSecret: 'csecret',
      code: 'code1',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_ERROR', ecode: 'OAUTH_010' });
    expect((error as Error).message).not.toMatch(/csecret|code1/);
  });
});

describe('request helpers', () => {
  it('builds a full Update Space body from the Space as read and a partial change', () => {
    const space = spaceSchema.parse({
      id: '790',
      name: 'Engineering',
      color: null,
      private: true,
      admin_can_manage: null,
      multiple_assignees: true,
      features: { due_dates: { enabled: true, start_date: true }, tags: { enabled: false } },
    });
    const body = spaceUpdateBody(space, { name: 'Eng', features: { checklists: { enabled: true } } });
    expect(body).toMatchObject({
      name: 'Eng',
      color: '#7B68EE',
      private: true,
      admin_can_manage: false,
      multiple_assignees: true,
    });
    expect(body.features.due_dates).toEqual({
      enabled: true,
      start_date: true,
      remap_due_dates: false,
      remap_closed_due_date: false,
    });
    expect(body.features.tags).toEqual({ enabled: false });
    expect(body.features.checklists).toEqual({ enabled: true });
  });

  it('sends a time entry duration computed from its end, and leaves tags alone on update', () => {
    expect(requestBuilders.timeEntries.create('1', { start: 1000, end: 4000 }).body).toEqual({
      start: 1000,
      end: 4000,
      duration: 3000,
    });
    expect(requestBuilders.timeEntries.update('1', 't', { description: 'x' }).body).toEqual({
      description: 'x',
      tags: [],
      tag_action: 'add',
    });
  });
});
