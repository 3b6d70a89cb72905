import { FoldersTools } from '@gw/mcp-tools';
import { clickup, startHierarchyHosts, type HierarchyHosts } from './support/sandbox-hierarchy';

type FolderDetail = {
  id: string;
  name: string;
  space_id: string | null;
  space_name: string | null;
  task_count: number | null;
  archived: boolean;
  override_statuses: boolean;
  lists: {
    id: string;
    name: string;
    folder_id: string | null;
    space_id: string | null;
    task_count: number | null;
  }[];
};

describe('folder tools against the sandbox', () => {
  let env: HierarchyHosts;
  let globexFolder: string;
  const forbidden = { ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] };
  const foldersOf = async (spaceId: string) =>
    (
      await clickup<{ folders: { id: string; name: string }[] }>(
        env.sandboxUrl,
        'GET',
        `/space/${spaceId}/folder`,
      )
    ).body.folders;

  beforeAll(async () => {
    env = await startHierarchyHosts([new FoldersTools()]);
    const made = await clickup<{ id: string }>(
      env.sandboxUrl,
      'POST',
      `/space/${env.ids.spaces.Operations}/folder`,
      {
        token: 'pk_sandbox_guest',
        body: { name: 'Globex Projects' },
      },
    );
    globexFolder = made.body.id;
  }, 60_000);
  afterAll(async () => env?.close());

  describe('folder_list', () => {
    it('lists a space’s folders with their lists, never the folderless placeholder', async () => {
      const envelope = await env.host.call('folder_list', { space_id: env.ids.spaces.Engineering });
      expect(envelope.result).toEqual({
        items: [
          {
            id: env.ids.folders['Product Engineering'],
            name: 'Product Engineering',
            space_id: env.ids.spaces.Engineering,
            task_count: 27,
            archived: false,
            lists: [
              { id: env.ids.lists['Sprint 42'], name: 'Sprint 42' },
              { id: env.ids.lists['Incoming Bugs'], name: 'Incoming Bugs' },
              { id: env.ids.lists['Bug Backlog'], name: 'Bug Backlog' },
            ],
          },
        ],
        next_cursor: null,
        truncated: false,
      });
      const none = await env.host.call('folder_list', { space_id: env.ids.spaces['Customer Success'] });
      expect(none.result).toMatchObject({ items: [] });
    });

    it('refuses Globex, unknown and out-of-scope spaces', async () => {
      expect(await env.host.call('folder_list', { space_id: env.ids.spaces.Operations })).toMatchObject(
        forbidden,
      );
      expect(await env.host.call('folder_list', { space_id: '123' })).toMatchObject(forbidden);
      expect(await env.pinned.call('folder_list', { space_id: env.ids.spaces.Marketing })).toMatchObject(
        forbidden,
      );
      const ok = await env.pinned.call('folder_list', { space_id: env.ids.spaces.Engineering });
      expect(ok.ok).toBe(true);
    });
  });

  describe('folder_get', () => {
    it('gives the folder with its lists and where they live', async () => {
      const envelope = await env.host.call<FolderDetail>('folder_get', {
        folder_id: env.ids.folders['Product Engineering'],
      });
      expect(envelope.result).toMatchObject({
        name: 'Product Engineering',
        space_id: env.ids.spaces.Engineering,
        space_name: 'Engineering',
        override_statuses: false,
      });
      expect(envelope.result?.lists[0]).toEqual({
        id: env.ids.lists['Sprint 42'],
        name: 'Sprint 42',
        folder_id: env.ids.folders['Product Engineering'],
        space_id: env.ids.spaces.Engineering,
        task_count: 14,
        archived: false,
      });
    });

    it('refuses Globex folders, unknown ids and other spaces’ folders, without data', async () => {
      expect(await env.host.call('folder_get', { folder_id: globexFolder })).toMatchObject(forbidden);
      expect(await env.host.call('folder_get', { folder_id: '1' })).toMatchObject(forbidden);
      expect(await env.pinned.call('folder_get', { folder_id: env.ids.folders.Campaigns })).toMatchObject(
        forbidden,
      );
      // The guest token can read its own folder; the server is pinned to Acme, so it must not.
      const foreign = await env.foreign.call('folder_get', { folder_id: globexFolder });
      expect(foreign).toMatchObject(forbidden);
      expect(JSON.stringify(foreign)).not.toMatch(/Globex Projects/);
      const named = await env.host.call('folder_get', { folder_id: 'Campaigns' });
      expect(named).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'folder_id' }] });
    });
  });

  describe('folder_create, folder_update, folder_delete', () => {
    let platform: string;

    it('creates a folder in a space', async () => {
      const envelope = await env.host.call<FolderDetail>('folder_create', {
        space_id: env.ids.spaces.Engineering,
        name: ' Platform ',
      });
      expect(envelope.result).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'Platform',
        space_id: env.ids.spaces.Engineering,
        task_count: 0,
        archived: false,
        lists: [],
      });
      platform = envelope.result?.id as string;
      expect((await foldersOf(env.ids.spaces.Engineering)).map((f) => f.name)).toContain('Platform');
    });

    it('refuses creating outside the scope, and creates nothing', async () => {
      const pinned = await env.pinned.call('folder_create', {
        space_id: env.ids.spaces.Marketing,
        name: 'Leak',
      });
      expect(pinned).toMatchObject(forbidden);
      const globex = await env.host.call('folder_create', {
        space_id: env.ids.spaces.Operations,
        name: 'Leak',
      });
      expect(globex).toMatchObject(forbidden);
      expect((await foldersOf(env.ids.spaces.Marketing)).map((f) => f.name)).toEqual(['Campaigns']);
      const dup = await env.host.call('folder_create', {
        space_id: env.ids.spaces.Engineering,
        name: 'platform',
      });
      expect(dup).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
      const noName = await env.host.call('folder_create', { space_id: env.ids.spaces.Engineering });
      expect(noName).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
    });

    it('renames a folder', async () => {
      const envelope = await env.pinned.call<FolderDetail>('folder_update', {
        folder_id: platform,
        name: 'Platform Team',
      });
      expect(envelope.result).toMatchObject({ id: platform, name: 'Platform Team' });
      const stored = await clickup<{ name: string }>(env.sandboxUrl, 'GET', `/folder/${platform}`);
      expect(stored.body.name).toBe('Platform Team');
    });

    it('refuses renaming out of scope, and changes nothing', async () => {
      const campaigns = env.ids.folders.Campaigns;
      expect(await env.pinned.call('folder_update', { folder_id: campaigns, name: 'X' })).toMatchObject(
        forbidden,
      );
      expect(await env.host.call('folder_update', { folder_id: globexFolder, name: 'X' })).toMatchObject(
        forbidden,
      );
      expect((await clickup<{ name: string }>(env.sandboxUrl, 'GET', `/folder/${campaigns}`)).body.name).toBe(
        'Campaigns',
      );
      const blank = await env.host.call('folder_update', { folder_id: platform, name: '   ' });
      expect(blank).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
    });

    it('deletes a folder with its lists', async () => {
      const list = await clickup<{ id: string }>(env.sandboxUrl, 'POST', `/folder/${platform}/list`, {
        body: { name: 'Infra' },
      });
      expect(await env.host.call('folder_delete', { folder_id: platform })).toEqual({
        ok: true,
        result: { deleted: true },
        issues: [],
      });
      expect((await clickup(env.sandboxUrl, 'GET', `/folder/${platform}`)).status).toBe(401);
      expect((await clickup(env.sandboxUrl, 'GET', `/list/${list.body.id}`)).status).toBe(401);
      expect(await env.host.call('folder_delete', { folder_id: platform })).toMatchObject(forbidden);
    });

    it('refuses deleting out of scope, and deletes nothing', async () => {
      const campaigns = env.ids.folders.Campaigns;
      expect(await env.pinned.call('folder_delete', { folder_id: campaigns })).toMatchObject(forbidden);
      expect(await env.foreign.call('folder_delete', { folder_id: globexFolder })).toMatchObject(forbidden);
      expect((await clickup(env.sandboxUrl, 'GET', `/folder/${campaigns}`)).status).toBe(200);
      const globex = await clickup(env.sandboxUrl, 'GET', `/folder/${globexFolder}`, {
        token: 'pk_sandbox_guest',
      });
      expect(globex.status).toBe(200);
    });
  });
});
