import { ClickUpClient, closeClickUpPools } from '@gw/clickup-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Scope } from './scope';

describe('what a scope knows, as it travels with a queued call', () => {
  it("names the arguments' lists it has found in its workspace, and no other", () => {
    const api = new Scope('9011');
    api.rememberLists(['901', '902']);

    expect(api.knowledgeFor({ list_id: '901', name: 'x' })).toEqual({ workspace_id: '9011', lists: ['901'] });
    expect(api.knowledgeFor({ list_ids: ['902', '999', 7] })).toEqual({
      workspace_id: '9011',
      lists: ['902'],
    });
    expect(api.knowledgeFor({ list_id: '999' })).toBeUndefined();
    expect(api.knowledgeFor({ task_id: '901' })).toBeUndefined();
  });

  it('is taken on by a scope of the same workspace only', () => {
    const api = new Scope('9011');
    api.rememberLists(['901']);
    const knowledge = api.knowledgeFor({ list_id: '901' });

    const worker = new Scope('9011');
    worker.adopt(knowledge);
    expect(worker.knowledgeFor({ list_id: '901' })).toEqual(knowledge);

    const otherWorkspace = new Scope('9022');
    otherWorkspace.adopt(knowledge);
    expect(otherWorkspace.knowledgeFor({ list_id: '901' })).toBeUndefined();
  });

  it('is neither kept nor handed on by a server pinned to spaces, which checks every list every time', () => {
    const pinned = new Scope('9011', ['90111']);
    pinned.rememberLists(['901']);
    pinned.adopt({ workspace_id: '9011', lists: ['902'] });

    expect(pinned.knowledgeFor({ list_ids: ['901', '902'] })).toBeUndefined();
  });
});

describe('what a ClickUp answer must prove', () => {
  let server: Server;
  let client: ClickUpClient;
  let answer: Record<string, unknown> = {};

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new ClickUpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      credential: { kind: 'personal', token: 'pk_1_TOKEN' },
    });
  });
  afterAll(async () => {
    await closeClickUpPools();
    await new Promise((resolve) => server.close(resolve));
  });

  const task = (extra: Record<string, unknown>) => ({ id: '86a', name: 'A task', ...extra });

  it('refuses a task whose answer names no workspace, as one naming another workspace', async () => {
    const scope = new Scope('9011');
    answer = task({});
    await expect(scope.task(client, '86a')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    answer = task({ team_id: null });
    await expect(scope.task(client, '86a')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    answer = task({ team_id: '9022' });
    await expect(scope.task(client, '86a')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    answer = task({ team_id: '9011' });
    await expect(scope.task(client, '86a')).resolves.toMatchObject({ id: '86a' });
  });

  it('keeps workspace-level objects from a pinned server unless an admin allowed them', () => {
    expect(() => new Scope('9011', ['90111']).assertWorkspaceObjects('Goals')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() =>
      new Scope('9011', ['90111'], { allowWorkspaceObjects: true }).assertWorkspaceObjects('Goals'),
    ).not.toThrow();
    expect(() => new Scope('9011').assertWorkspaceObjects('Goals')).not.toThrow();
  });
});

describe('a call’s view of the scope', () => {
  let server: Server;
  let client: ClickUpClient;
  let requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url?.split('?')[0]}`);
      const task = {
        id: '86a',
        name: 'A task',
        team_id: '9011',
        space: { id: '90111' },
        list: { id: '901' },
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(task));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new ClickUpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      credential: { kind: 'personal', token: 'pk_1_TOKEN' },
    });
  });
  beforeEach(() => {
    requests = [];
  });
  afterAll(async () => {
    await closeClickUpPools();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads an object once for the whole call, concurrent asks included', async () => {
    const call = new Scope('9011').forCall();
    const [a, b] = await Promise.all([call.task(client, '86a'), call.task(client, '86a')]);
    const c = await call.task(client, '86a');
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(requests).toEqual(['GET /api/v2/task/86a']);
  });

  it('reads again with other options, in another call, and on the server’s own scope', async () => {
    const scope = new Scope('9011');
    const call = scope.forCall();
    await call.task(client, '86a');
    await call.task(client, '86a', { includeSubtasks: true });
    await scope.forCall().task(client, '86a');
    await scope.task(client, '86a');
    await scope.task(client, '86a');
    expect(requests).toHaveLength(5);
  });

  it('shares the server’s memory: a list proven by a task in one call needs no read in the next', async () => {
    const scope = new Scope('9011');
    await scope.forCall().task(client, '86a');
    await scope.forCall().checkList(client, '901');
    expect(requests).toEqual(['GET /api/v2/task/86a']);
    expect(scope.knowledgeFor({ list_id: '901' })).toEqual({ workspace_id: '9011', lists: ['901'] });
  });

  it('keeps the pin and the workspace-level leave of its server', () => {
    const pinned = new Scope('9011', ['90111']).forCall();
    expect(pinned.spaceIds).toEqual(['90111']);
    expect(pinned.workspaceObjects).toBe(false);
    expect(new Scope('9011', ['90111'], { allowWorkspaceObjects: true }).forCall().workspaceObjects).toBe(
      true,
    );
    expect(new Scope('9011').forCall().workspaceObjects).toBe(true);
  });
});
