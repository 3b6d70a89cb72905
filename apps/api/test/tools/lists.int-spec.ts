import { ListsTools } from '@gw/mcp-tools';
import { clickup, startHierarchyHosts, type HierarchyHosts } from './support/sandbox-hierarchy';

type ListDetail = Record<string, unknown> & { id: string; name: string; statuses: { status: string }[] };
type Listed = { items: { id: string; name: string; folder_id: string | null }[] };
type StoredList = {
  name: string;
  content: string;
  priority: { priority: string } | null;
  assignee: { id: number } | null;
  status: { status: string } | null;
  due_date: string | null;
};

describe('list tools against the sandbox', () => {
  let env: HierarchyHosts;
  const forbidden = { ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] };
  const invalid = (path: string) => ({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path }] });
  const stored = async (listId: string) => clickup<StoredList>(env.sandboxUrl, 'GET', `/list/${listId}`);

  beforeAll(async () => {
    env = await startHierarchyHosts([new ListsTools()]);
  }, 60_000);
  afterAll(async () => env?.close());

  describe('list_list', () => {
    it('lists a folder’s lists', async () => {
      const envelope = await env.host.call<Listed>('list_list', {
        folder_id: env.ids.folders['Product Engineering'],
      });
      expect(envelope.result).toEqual({
        items: [
          {
            id: env.ids.lists['Sprint 42'],
            name: 'Sprint 42',
            folder_id: env.ids.folders['Product Engineering'],
            space_id: env.ids.spaces.Engineering,
            task_count: 14,
            archived: false,
          },
          expect.objectContaining({ name: 'Incoming Bugs', task_count: 10 }),
          expect.objectContaining({ name: 'Bug Backlog', task_count: 3 }),
        ],
        next_cursor: null,
        truncated: false,
      });
    });

    it('lists the folderless lists of a space', async () => {
      const envelope = await env.host.call<Listed>('list_list', { space_id: env.ids.spaces.Engineering });
      expect(envelope.result?.items).toEqual([
        {
          id: env.ids.lists['Database Migrations'],
          name: 'Database Migrations',
          folder_id: null,
          space_id: env.ids.spaces.Engineering,
          task_count: 3,
          archived: false,
        },
      ]);
    });

    it('takes exactly one of folder_id and space_id', async () => {
      expect(await env.host.call('list_list', {})).toMatchObject(invalid('folder_id'));
      const both = await env.host.call('list_list', {
        folder_id: env.ids.folders.Campaigns,
        space_id: env.ids.spaces.Marketing,
      });
      expect(both).toMatchObject(invalid('folder_id'));
    });

    it('refuses Globex and out-of-scope containers', async () => {
      expect(await env.host.call('list_list', { space_id: env.ids.spaces.Operations })).toMatchObject(
        forbidden,
      );
      expect(await env.pinned.call('list_list', { folder_id: env.ids.folders.Campaigns })).toMatchObject(
        forbidden,
      );
      expect(
        await env.pinned.call('list_list', { space_id: env.ids.spaces['Customer Success'] }),
      ).toMatchObject(forbidden);
    });
  });

  describe('list_get', () => {
    it('gives the list with its statuses, dates and place', async () => {
      const envelope = await env.host.call<ListDetail>('list_get', { list_id: env.ids.lists['Sprint 42'] });
      const list = envelope.result as ListDetail;
      expect(list).toMatchObject({
        name: 'Sprint 42',
        content: 'Two-week sprint ending with the 4.2 release.',
        folder_id: env.ids.folders['Product Engineering'],
        folder_name: 'Product Engineering',
        space_id: env.ids.spaces.Engineering,
        space_name: 'Engineering',
        task_count: 14,
        priority: null,
        priority_name: null,
      });
      expect(list.due_date_iso).toBe(new Date(list.due_date_ms as number).toISOString());
      expect(list.start_date_ms).toBeLessThan(list.due_date_ms as number);
      expect(list.statuses.map((s) => s.status)).toEqual([
        'to do',
        'in progress',
        'blocked',
        'review',
        'complete',
      ]);
    });

    it('reads priority as level and name, colour by name, and a folderless list without a folder', async () => {
      const cs = await env.host.call<ListDetail>('list_get', {
        list_id: env.ids.lists['Customer Success Q3'],
      });
      expect(cs.result).toMatchObject({
        priority: 2,
        priority_name: 'high',
        folder_id: null,
        folder_name: null,
      });
      const launch = await env.host.call<ListDetail>('list_get', {
        list_id: env.ids.lists['Q3 Marketing Launch'],
      });
      expect(launch.result).toMatchObject({ color: 'orange' });
    });

    it('refuses unknown, Globex and out-of-scope lists, without data', async () => {
      expect(await env.host.call('list_get', { list_id: '42' })).toMatchObject(forbidden);
      expect(await env.host.call('list_get', { list_id: env.ids.lists['Globex Roadmap'] })).toMatchObject(
        forbidden,
      );
      expect(
        await env.pinned.call('list_get', { list_id: env.ids.lists['Q3 Marketing Launch'] }),
      ).toMatchObject(forbidden);
      const foreign = await env.foreign.call('list_get', { list_id: env.ids.lists['Globex Roadmap'] });
      expect(foreign).toMatchObject(forbidden);
      expect(JSON.stringify(foreign)).not.toMatch(/Roadmap/);
      expect(await env.host.call('list_get', { list_id: 'Sprint 42' })).toMatchObject(invalid('list_id'));
    });
  });

  describe('list_create, list_update, list_delete', () => {
    let release: string;
    let scratch: string;

    it('creates a list in a folder with its fields', async () => {
      const due = Date.UTC(2031, 0, 15);
      const envelope = await env.pinned.call<ListDetail>('list_create', {
        folder_id: env.ids.folders['Product Engineering'],
        name: 'Sprint 43',
        content: 'Next **sprint**.',
        priority: 1,
        assignee: env.ids.users.sarah,
        color: 'red',
        due_date: due,
      });
      expect(envelope.result).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'Sprint 43',
        folder_id: env.ids.folders['Product Engineering'],
        space_id: env.ids.spaces.Engineering,
        task_count: 0,
        archived: false,
      });
      release = envelope.result?.id as string;
      expect((await stored(release)).body).toMatchObject({
        name: 'Sprint 43',
        content: 'Next **sprint**.',
        priority: { priority: 'urgent' },
        assignee: { id: env.ids.users.sarah },
        status: { status: 'red' },
        due_date: String(due),
      });
      const read = await env.host.call<ListDetail>('list_get', { list_id: release });
      expect(read.result).toMatchObject({
        content: 'Next **sprint**.',
        priority: 1,
        priority_name: 'urgent',
        assignee_id: env.ids.users.sarah,
        assignee_name: 'Sarah Chen',
        color: 'red',
        due_date_ms: due,
        due_date_iso: '2031-01-15T00:00:00.000Z',
      });
    });

    it('creates a folderless list in a space', async () => {
      const envelope = await env.host.call<ListDetail>('list_create', {
        space_id: env.ids.spaces['Customer Success'],
        name: 'Renewals',
      });
      expect(envelope.result).toMatchObject({
        name: 'Renewals',
        folder_id: null,
        space_id: env.ids.spaces['Customer Success'],
      });
      scratch = envelope.result?.id as string;
      const folderless = await clickup<{ lists: { name: string }[] }>(
        env.sandboxUrl,
        'GET',
        `/space/${env.ids.spaces['Customer Success']}/list`,
      );
      expect(folderless.body.lists.map((l) => l.name)).toContain('Renewals');
    });

    it('refuses creating outside the scope or with bad fields, and creates nothing', async () => {
      const pinned = await env.pinned.call('list_create', {
        folder_id: env.ids.folders.Campaigns,
        name: 'Leak',
      });
      expect(pinned).toMatchObject(forbidden);
      const globex = await env.host.call('list_create', {
        space_id: env.ids.spaces.Operations,
        name: 'Leak',
      });
      expect(globex).toMatchObject(forbidden);
      const campaigns = await clickup<{ lists: { name: string }[] }>(
        env.sandboxUrl,
        'GET',
        `/folder/${env.ids.folders.Campaigns}/list`,
      );
      expect(campaigns.body.lists.map((l) => l.name)).toEqual(['Q3 Marketing Launch']);
      const where = await env.host.call('list_create', { name: 'Nowhere' });
      expect(where).toMatchObject(invalid('folder_id'));
      const priority = await env.host.call('list_create', {
        space_id: env.ids.spaces.Marketing,
        name: 'P',
        priority: 5,
      });
      expect(priority).toMatchObject(invalid('priority'));
      const colour = await env.host.call('list_create', {
        space_id: env.ids.spaces.Marketing,
        name: 'C',
        color: 'mauve',
      });
      expect(colour).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
    });

    it('changes only the fields given, and removes colour and owner with null', async () => {
      const envelope = await env.host.call<ListDetail>('list_update', {
        list_id: release,
        priority: 3,
        color: null,
        assignee: null,
      });
      expect(envelope.result).toMatchObject({ id: release, name: 'Sprint 43' });
      const read = await env.host.call<ListDetail>('list_get', { list_id: release });
      expect(read.result).toMatchObject({
        priority: 3,
        priority_name: 'normal',
        color: null,
        assignee_id: null,
      });
      expect((await stored(release)).body).toMatchObject({
        name: 'Sprint 43',
        content: 'Next **sprint**.',
        status: null,
        assignee: null,
      });
      const renamed = await env.host.call<ListDetail>('list_update', {
        list_id: release,
        name: 'Sprint 43 (4.3)',
      });
      expect(renamed.result).toMatchObject({ name: 'Sprint 43 (4.3)' });
      expect((await stored(release)).body).toMatchObject({
        name: 'Sprint 43 (4.3)',
        priority: { priority: 'normal' },
      });
    });

    it('refuses an empty update and out-of-scope lists, and changes nothing', async () => {
      expect(await env.host.call('list_update', { list_id: release })).toMatchObject(invalid('name'));
      const launch = env.ids.lists['Q3 Marketing Launch'];
      expect(await env.pinned.call('list_update', { list_id: launch, name: 'X' })).toMatchObject(forbidden);
      expect(
        await env.host.call('list_update', { list_id: env.ids.lists['Globex Roadmap'], name: 'X' }),
      ).toMatchObject(forbidden);
      expect((await stored(launch)).body.name).toBe('Q3 Marketing Launch');
    });

    it('deletes lists, after which they are gone', async () => {
      for (const id of [release, scratch]) {
        expect(await env.host.call('list_delete', { list_id: id })).toEqual({
          ok: true,
          result: { deleted: true },
          issues: [],
        });
        expect((await stored(id)).status).toBe(401);
      }
      expect(await env.host.call('list_delete', { list_id: release })).toMatchObject(forbidden);
    });

    it('refuses deleting out of scope, and deletes nothing', async () => {
      const launch = env.ids.lists['Q3 Marketing Launch'];
      expect(await env.pinned.call('list_delete', { list_id: launch })).toMatchObject(forbidden);
      expect(
        await env.foreign.call('list_delete', { list_id: env.ids.lists['Globex Roadmap'] }),
      ).toMatchObject(forbidden);
      expect((await stored(launch)).status).toBe(200);
      const roadmap = await clickup(env.sandboxUrl, 'GET', `/list/${env.ids.lists['Globex Roadmap']}`, {
        token: 'pk_sandbox_guest',
      });
      expect(roadmap.status).toBe(200);
    });
  });
});
