import {
  CustomFieldsTools,
  FoldersTools,
  ListsTools,
  SpacesTools,
  WorkspacesTools,
  type TreeSpace,
  type Match,
} from '@gw/mcp-tools';
import { clickup, startHierarchyHosts, takeRequests, type HierarchyHosts } from './support/sandbox-hierarchy';

type Tree = { workspace: { id: string; name: string }; spaces: TreeSpace[] };
type Found = { items: Match[]; truncated: boolean };

describe('workspace tools against the sandbox', () => {
  let env: HierarchyHosts;

  beforeAll(async () => {
    env = await startHierarchyHosts([
      new WorkspacesTools(),
      new SpacesTools(),
      new FoldersTools(),
      new ListsTools(),
      new CustomFieldsTools(),
    ]);
  }, 60_000);
  afterAll(async () => env?.close());

  describe('workspace_list', () => {
    it('shows only the server’s own workspace, and the spaces it is pinned to', async () => {
      expect((await env.host.call('workspace_list')).result).toEqual({
        items: [{ id: env.ids.acme, name: 'Acme Corp', member_count: 3, scoped_space_ids: null }],
        next_cursor: null,
        truncated: false,
      });
      const pinned = await env.pinned.call<{ items: { scoped_space_ids: string[] }[] }>('workspace_list');
      expect(pinned.result?.items[0].scoped_space_ids).toEqual([env.ids.spaces.Engineering]);
    });

    it('never tells about the other workspaces a token can see', async () => {
      const envelope = await env.foreign.call('workspace_list');
      expect(envelope).toMatchObject({ ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] });
      expect(JSON.stringify(envelope)).not.toMatch(/Globex|Operations/);
    });
  });

  describe('workspace_hierarchy', () => {
    it('lets an unpinned server use a list it has just shown without reading it again', async () => {
      const sprint = env.ids.lists['Sprint 42'];
      const listReads = (requests: string[]) =>
        requests.filter((r) => r === `GET /api/v2/list/${sprint}`).length;
      for (const [host, reads] of [
        [env.host, 0],
        [env.pinned, 1],
      ] as const) {
        expect((await host.call('workspace_hierarchy')).ok).toBe(true);
        await takeRequests(env.sandboxUrl);
        expect((await host.call('custom_field_list', { list_id: sprint })).ok).toBe(true);
        const requests = await takeRequests(env.sandboxUrl);
        expect(requests).toContain(`GET /api/v2/list/${sprint}/field`);
        expect(listReads(requests)).toBe(reads);
      }
    });

    it('returns the whole tree in one call, folderless lists under their space', async () => {
      await takeRequests(env.sandboxUrl);
      const envelope = await env.host.call<Tree>('workspace_hierarchy');
      expect(envelope.ok).toBe(true);
      // The workspace, its spaces, then each space's folders (lists nested) and folderless lists: nothing per list.
      const requests = await takeRequests(env.sandboxUrl);
      expect(requests).toHaveLength(2 + 3 * 2);
      expect(
        requests.every((r) => /^GET \/api\/v2\/(team|team\/\d+\/space|space\/\d+\/(folder|list))$/.test(r)),
      ).toBe(true);
      const tree = envelope.result as Tree;
      expect(tree.workspace).toEqual({ id: env.ids.acme, name: 'Acme Corp' });
      expect(tree.spaces.map((s) => s.name)).toEqual(['Engineering', 'Marketing', 'Customer Success']);
      const eng = tree.spaces[0];
      expect(eng).toEqual({
        id: env.ids.spaces.Engineering,
        name: 'Engineering',
        statuses: ['to do', 'in progress', 'blocked', 'review', 'complete'],
        folders: [
          {
            id: env.ids.folders['Product Engineering'],
            name: 'Product Engineering',
            lists: [
              { id: env.ids.lists['Sprint 42'], name: 'Sprint 42', task_count: 14 },
              { id: env.ids.lists['Incoming Bugs'], name: 'Incoming Bugs', task_count: 10 },
              { id: env.ids.lists['Bug Backlog'], name: 'Bug Backlog', task_count: 3 },
            ],
          },
        ],
        lists: [{ id: env.ids.lists['Database Migrations'], name: 'Database Migrations', task_count: 3 }],
      });
      expect(tree.spaces[2].folders).toEqual([]);
      expect(tree.spaces[2].lists.map((l) => l.name)).toEqual(['Customer Success Q3']);
      expect(JSON.stringify(tree)).not.toMatch(/hidden|Globex/);
    });

    it('on a server pinned to Engineering shows only Engineering', async () => {
      const tree = (await env.pinned.call<Tree>('workspace_hierarchy')).result as Tree;
      expect(tree.spaces.map((s) => s.name)).toEqual(['Engineering']);
      const marketing = await env.pinned.call('workspace_hierarchy', { space_id: env.ids.spaces.Marketing });
      expect(marketing).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
    });

    it('narrows to one space, and shows archived items only when asked', async () => {
      const made = await clickup<{ id: string }>(env.sandboxUrl, 'POST', `/team/${env.ids.acme}/space`, {
        body: { name: 'Old Projects', multiple_assignees: true, features: {} },
      });
      await clickup(env.sandboxUrl, 'POST', `/space/${made.body.id}/list`, { body: { name: 'Legacy' } });
      await clickup(env.sandboxUrl, 'PUT', `/space/${made.body.id}`, { body: { archived: true } });

      const active = (await env.host.call<Tree>('workspace_hierarchy')).result as Tree;
      expect(active.spaces.map((s) => s.name)).not.toContain('Old Projects');
      const all = (await env.host.call<Tree>('workspace_hierarchy', { include_archived: true }))
        .result as Tree;
      expect(all.spaces.find((s) => s.name === 'Old Projects')).toMatchObject({
        archived: true,
        lists: [{ name: 'Legacy', task_count: 0 }],
      });

      const one = (await env.host.call<Tree>('workspace_hierarchy', { space_id: env.ids.spaces.Marketing }))
        .result as Tree;
      expect(one.spaces.map((s) => [s.name, s.folders.map((f) => f.name)])).toEqual([
        ['Marketing', ['Campaigns']],
      ]);
    });

    it('refuses Globex and unknown spaces, and names that are not ids', async () => {
      for (const spaceId of [env.ids.spaces.Operations, '999999']) {
        const envelope = await env.host.call('workspace_hierarchy', { space_id: spaceId });
        expect(envelope).toMatchObject({ ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] });
      }
      const named = await env.host.call('workspace_hierarchy', { space_id: 'Engineering' });
      expect(named).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'space_id' }] });
    });
  });

  describe('workspace_find', () => {
    const find = async (args: Record<string, unknown>, host = env.host) => {
      const envelope = await host.call<Found>('workspace_find', args);
      expect(envelope.issues).toEqual([]);
      return envelope.result as Found;
    };

    it('finds Sprint 42 first for "sprint", with its path', async () => {
      expect((await find({ query: 'sprint' })).items[0]).toEqual({
        kind: 'list',
        id: env.ids.lists['Sprint 42'],
        name: 'Sprint 42',
        path: 'Engineering / Product Engineering / Sprint 42',
        space_id: env.ids.spaces.Engineering,
        score: 0.9,
      });
    });

    it('finds the space for "engineering", ahead of the folder named after it', async () => {
      const { items } = await find({ query: 'engineering' });
      expect(items.slice(0, 2).map((m) => [m.kind, m.name, m.score])).toEqual([
        ['space', 'Engineering', 1],
        ['folder', 'Product Engineering', 0.8],
      ]);
    });

    it('finds the member for "sarah", with the user id task tools take', async () => {
      const { items } = await find({ query: 'sarah' });
      expect(items[0]).toMatchObject({ kind: 'member', id: env.ids.users.sarah, name: 'Sarah Chen' });
      expect(items[0].email).toBe('sarah@acme.example');
    });

    it('ignores accents and case', async () => {
      expect((await find({ query: 'Marketíng' })).items[0]).toMatchObject({
        kind: 'space',
        id: env.ids.spaces.Marketing,
        score: 1,
      });
      expect((await find({ query: 'CUSTOMER SUCCESS Q3' })).items[0].id).toBe(
        env.ids.lists['Customer Success Q3'],
      );
    });

    it('filters by kind and caps the answer at the limit', async () => {
      const lists = await find({ query: 'bug', kinds: ['list'] });
      expect(lists.items.map((m) => m.name)).toEqual(['Bug Backlog', 'Incoming Bugs']);
      const capped = await find({ query: 'e', limit: 1, kinds: ['space', 'folder', 'list'] });
      expect(capped.items).toHaveLength(1);
      expect(capped.truncated).toBe(true);
    });

    it('only finds in-scope items on a pinned server, never Globex', async () => {
      const marketing = await find({ query: 'marketing', kinds: ['space', 'folder', 'list'] }, env.pinned);
      expect(marketing.items).toEqual([]);
      const sprint = await find({ query: 'sprint 42' }, env.pinned);
      expect(sprint.items[0].id).toBe(env.ids.lists['Sprint 42']);
      expect((await find({ query: 'globex roadmap' })).items).toEqual([]);
      expect((await find({ query: 'operations' })).items).toEqual([]);
    });

    it('leaves the workspace’s members out on a pinned server, and refuses to search them by kind', async () => {
      const sarah = await find({ query: 'sarah' }, env.pinned);
      expect(sarah.items.filter((m) => m.kind === 'member')).toEqual([]);
      const byKind = await env.pinned.call('workspace_find', { query: 'sarah', kinds: ['member'] });
      expect(byKind).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(JSON.stringify(byKind)).not.toContain('sarah@acme.example');
    });

    it('takes an agent from a sentence to the ids it needs in one call', async () => {
      const { items } = await find({ query: 'open tasks in the Engineering space' });
      expect(items[0]).toMatchObject({ kind: 'space', id: env.ids.spaces.Engineering });
    });

    it('names the bad argument', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ query: '  ' }, 'query'],
        [{ query: 'x', kinds: ['team'] }, 'kinds.0'],
        [{ query: 'x', limit: 0 }, 'limit'],
        [{}, 'query'],
      ];
      for (const [args, path] of cases) {
        const envelope = await env.host.call('workspace_find', args);
        expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path }] });
      }
    });
  });
});
