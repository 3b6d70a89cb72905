import { SpacesTools } from '@gw/mcp-tools';
import { clickup, startHierarchyHosts, type HierarchyHosts } from './support/sandbox-hierarchy';

type SpaceDetail = {
  id: string;
  name: string;
  color: string | null;
  private: boolean;
  archived: boolean;
  multiple_assignees: boolean;
  statuses: { status: string; type: string | null }[];
  features: Record<string, boolean>;
};
type Listed = { items: { id: string; name: string }[]; next_cursor: null; truncated: boolean };

describe('space tools against the sandbox', () => {
  let env: HierarchyHosts;
  const forbidden = { ok: false, result: null, issues: [{ code: 'FORBIDDEN' }] };
  const acmeSpaces = async () =>
    (
      await clickup<{ spaces: { id: string; name: string; color: string | null }[] }>(
        env.sandboxUrl,
        'GET',
        `/team/${env.ids.acme}/space`,
      )
    ).body.spaces;

  beforeAll(async () => {
    env = await startHierarchyHosts([new SpacesTools()]);
  }, 60_000);
  afterAll(async () => env?.close());

  describe('space_list', () => {
    it('lists the workspace’s spaces, compactly', async () => {
      const envelope = await env.host.call<Listed>('space_list');
      expect(envelope.result).toEqual({
        items: [
          {
            id: env.ids.spaces.Engineering,
            name: 'Engineering',
            color: '#1090e0',
            private: false,
            archived: false,
          },
          {
            id: env.ids.spaces.Marketing,
            name: 'Marketing',
            color: '#ff7800',
            private: false,
            archived: false,
          },
          expect.objectContaining({ name: 'Customer Success' }),
        ],
        next_cursor: null,
        truncated: false,
      });
    });

    it('lists only the allowed spaces on a pinned server', async () => {
      const envelope = await env.pinned.call<Listed>('space_list');
      expect(envelope.result?.items.map((s) => s.name)).toEqual(['Engineering']);
    });

    it('rejects a wrong argument type', async () => {
      const envelope = await env.host.call('space_list', { archived: 'yes' });
      expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'archived' }] });
    });
  });

  describe('space_get', () => {
    it('gives the statuses in workflow order and the features', async () => {
      const envelope = await env.host.call<SpaceDetail>('space_get', {
        space_id: env.ids.spaces.Engineering,
      });
      expect(envelope.result).toMatchObject({
        id: env.ids.spaces.Engineering,
        name: 'Engineering',
        multiple_assignees: true,
        statuses: [
          { status: 'to do', type: 'open' },
          { status: 'in progress', type: 'custom' },
          { status: 'blocked', type: 'custom' },
          { status: 'review', type: 'custom' },
          { status: 'complete', type: 'closed' },
        ],
      });
      expect(envelope.result?.features).toMatchObject({ time_tracking: true, tags: true });
    });

    it('refuses unknown, Globex and out-of-scope spaces alike, without data', async () => {
      for (const spaceId of ['999999', env.ids.spaces.Operations]) {
        expect(await env.host.call('space_get', { space_id: spaceId })).toMatchObject(forbidden);
      }
      expect(await env.pinned.call('space_get', { space_id: env.ids.spaces.Marketing })).toMatchObject(
        forbidden,
      );
      // The guest token may read Operations, but this server is pinned to Acme.
      expect(await env.foreign.call('space_get', { space_id: env.ids.spaces.Operations })).toMatchObject(
        forbidden,
      );
    });

    it('tells an agent that passed a name to resolve it first', async () => {
      const envelope = await env.host.call('space_get', { space_id: 'Engineering' });
      expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'space_id' }] });
      expect(envelope.issues[0].message).toMatch(/workspace_find/);
    });
  });

  describe('space_create, space_update, space_delete', () => {
    it('creates a space in the server’s workspace with the features asked for', async () => {
      const envelope = await env.host.call<SpaceDetail>('space_create', {
        name: 'Research',
        features: { time_tracking: false },
      });
      expect(envelope.result).toMatchObject({ name: 'Research', multiple_assignees: true, archived: false });
      expect(envelope.result?.features).toMatchObject({ time_tracking: false, checklists: true });
      expect((await acmeSpaces()).map((s) => s.name)).toContain('Research');
    });

    it('answers ClickUp’s refusal of a duplicate name as a validation issue', async () => {
      const envelope = await env.host.call('space_create', { name: 'engineering' });
      expect(envelope).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
      expect(envelope.issues[0].message).toMatch(/already exists/);
    });

    it('refuses to create on a server pinned to spaces, and creates nothing', async () => {
      expect(await env.pinned.call('space_create', { name: 'Shadow IT' })).toMatchObject(forbidden);
      expect((await acmeSpaces()).map((s) => s.name)).not.toContain('Shadow IT');
      const empty = await env.host.call('space_create', { name: '' });
      expect(empty).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
    });

    it('changes only the fields given', async () => {
      const research = (await acmeSpaces()).find((s) => s.name === 'Research') as { id: string };
      const envelope = await env.host.call<SpaceDetail>('space_update', {
        space_id: research.id,
        name: 'Research Lab',
        color: '#aa8d80',
        features: { time_tracking: true, tags: false },
      });
      expect(envelope.result).toMatchObject({ name: 'Research Lab', color: '#aa8d80', private: false });
      expect(envelope.result?.features).toMatchObject({ time_tracking: true, tags: false, checklists: true });
      const stored = await clickup<SpaceDetail & { features: Record<string, { enabled: boolean }> }>(
        env.sandboxUrl,
        'GET',
        `/space/${research.id}`,
      );
      expect(stored.body).toMatchObject({ name: 'Research Lab', color: '#aa8d80', multiple_assignees: true });
      expect(stored.body.features['tags']).toMatchObject({ enabled: false });
    });

    it('refuses an update with nothing to change, or a bad colour', async () => {
      const nothing = await env.host.call('space_update', { space_id: env.ids.spaces.Engineering });
      expect(nothing).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
      const colour = await env.host.call('space_update', {
        space_id: env.ids.spaces.Engineering,
        color: 'teal',
      });
      expect(colour).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'color' }] });
      const feature = await env.host.call('space_update', {
        space_id: env.ids.spaces.Engineering,
        features: { sprints: true },
      });
      expect(feature).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
    });

    it('refuses to update or delete out-of-scope spaces, and leaves them as they were', async () => {
      expect(
        await env.pinned.call('space_update', { space_id: env.ids.spaces.Marketing, name: 'Hijacked' }),
      ).toMatchObject(forbidden);
      expect(await env.pinned.call('space_delete', { space_id: env.ids.spaces.Marketing })).toMatchObject(
        forbidden,
      );
      expect(await env.foreign.call('space_delete', { space_id: env.ids.spaces.Operations })).toMatchObject(
        forbidden,
      );
      expect(await env.host.call('space_delete', { space_id: env.ids.spaces.Operations })).toMatchObject(
        forbidden,
      );
      expect((await acmeSpaces()).map((s) => s.name)).toContain('Marketing');
      const globex = await clickup(env.sandboxUrl, 'GET', `/space/${env.ids.spaces.Operations}`, {
        token: 'pk_sandbox_guest',
      });
      expect(globex.body).toMatchObject({ name: 'Operations' });
    });

    it('deletes a space, after which it is gone', async () => {
      const research = (await acmeSpaces()).find((s) => s.name === 'Research Lab') as { id: string };
      expect(await env.host.call('space_delete', { space_id: research.id })).toEqual({
        ok: true,
        result: { deleted: true },
        issues: [],
      });
      expect((await clickup(env.sandboxUrl, 'GET', `/space/${research.id}`)).status).toBe(401);
      expect(await env.host.call('space_get', { space_id: research.id })).toMatchObject(forbidden);
    });
  });
});
