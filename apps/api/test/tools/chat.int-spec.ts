import { ChatTools } from '@gw/mcp-tools';
import { type AcmeWorld } from './support/acme-world';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface Channel {
  id: string;
  name: string;
  type: string;
  location: string | null;
}
interface ChannelPage {
  items: Channel[];
  next_cursor: string | null;
  truncated: boolean;
}
interface Message {
  id: string;
  user_id: number | null;
  text: string;
  date_ms: number | null;
  date_iso: string | null;
  reply_count: number;
}
interface MessagePage {
  items: Message[];
  next_cursor: string | null;
  truncated: boolean;
}

describe('chat tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  /** Channel ids by name, as the sandbox seeds them. */
  const channels: Record<string, string> = {};

  async function v3<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const res = await fetch(`${sandbox.url}/api/v3/workspaces/${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: init.token ?? 'pk_sandbox_owner', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
  const channelList = async (args: Record<string, unknown> = {}, on = host) => {
    const envelope = await on.call<ChannelPage>('chat_channel_list', args);
    expect(envelope.issues).toEqual([]);
    return envelope.result as ChannelPage;
  };
  const messages = async (args: Record<string, unknown>, on = host) => {
    const envelope = await on.call<MessagePage>('chat_message_list', args);
    expect(envelope.issues).toEqual([]);
    return envelope.result as MessagePage;
  };
  const firstIssue = async (tool: string, args: Record<string, unknown>, on = host) => {
    const envelope = await on.call(tool, args);
    expect(envelope).toMatchObject({ ok: false, result: null });
    return envelope.issues[0];
  };

  useToolWorld(
    () => [new ChatTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeAll(async () => {
    const listed = await v3<{ data: { id: string; name: string }[] }>(`${w.acmeId}/chat/channels`);
    for (const c of listed.body.data) channels[c.name] = c.id;
    const globex = await v3<{ data: { id: string; name: string }[] }>(`${w.globexId}/chat/channels`, {
      token: 'pk_sandbox_guest',
    });
    channels['Globex Operations'] = globex.body.data[0].id;
  }, 60_000);

  describe('chat_channel_list', () => {
    it('lists the workspace channel, the location channels and the DM, with where each lives', async () => {
      const page = await channelList();
      expect(page).toMatchObject({ next_cursor: null, truncated: false });
      expect(page.items).toEqual([
        { id: channels['General'], name: 'General', type: 'CHANNEL', location: null },
        {
          id: channels['Engineering'],
          name: 'Engineering',
          type: 'CHANNEL',
          location: `space ${w.spaces['Engineering']}`,
        },
        {
          id: channels['Marketing'],
          name: 'Marketing',
          type: 'CHANNEL',
          location: `space ${w.spaces['Marketing']}`,
        },
        {
          id: channels['Sprint 42'],
          name: 'Sprint 42',
          type: 'CHANNEL',
          location: `list ${w.lists['Sprint 42']}`,
        },
        {
          id: channels['Alex Rivera, Sarah Chen'],
          name: 'Alex Rivera, Sarah Chen',
          type: 'DM',
          location: null,
        },
      ]);
    });

    it('finds a channel by part of its name, any case, or by the space or list it is on', async () => {
      expect((await channelList({ name: 'engin' })).items.map((c) => c.name)).toEqual(['Engineering']);
      expect((await channelList({ name: 'SPRINT' })).items.map((c) => c.name)).toEqual(['Sprint 42']);
      expect((await channelList({ name: 'nothing like it' })).items).toEqual([]);
      expect((await channelList({ location_id: w.spaces['Marketing'] })).items.map((c) => c.name)).toEqual([
        'Marketing',
      ]);
      expect((await channelList({ location_id: w.lists['Sprint 42'] })).items.map((c) => c.name)).toEqual([
        'Sprint 42',
      ]);
    });

    it('pages through many channels, 50 at a time, without repeating one', async () => {
      for (let i = 1; i <= 56; i++) {
        const made = await v3(`${w.acmeId}/chat/channels`, {
          method: 'POST',
          body: { name: `Team ${String(i).padStart(2, '0')}` },
        });
        expect(made.status).toBe(201);
      }
      const first = await channelList({ name: 'team' });
      expect(first.items).toHaveLength(50);
      expect(first).toMatchObject({ truncated: true, next_cursor: expect.any(String) });
      const second = await channelList({ name: 'team', cursor: first.next_cursor });
      expect(second).toMatchObject({ truncated: false, next_cursor: null });
      const names = [...first.items, ...second.items].map((c) => c.name);
      expect(names).toHaveLength(56);
      expect(new Set(names).size).toBe(56);
      expect(names[55]).toBe('Team 56');
      const wrongTool = await firstIssue('chat_message_list', {
        channel_id: channels['Engineering'],
        cursor: first.next_cursor,
      });
      expect(wrongTool).toMatchObject({ code: 'VALIDATION_ERROR', path: 'cursor' });
    });

    it('shows a server pinned to a space only the channels of that space and of its folders and lists', async () => {
      const page = await channelList({}, engHost);
      expect(page.items.map((c) => c.name)).toEqual(['Engineering', 'Sprint 42']);
      expect((await channelList({ location_id: w.spaces['Marketing'] }, engHost)).items).toEqual([]);
    });
  });

  describe('chat_message_list', () => {
    it("reads a channel's messages newest first, with reply counts and markdown, then a thread", async () => {
      const page = await messages({ channel_id: channels['Engineering'] });
      expect(page).toMatchObject({ next_cursor: null, truncated: false });
      expect(page.items.map((m) => [m.text, m.reply_count])).toEqual([
        ['The login refactor is ready for review: `Refactor Login Component`.', 0],
        ['3 new reports in *Incoming Bugs*; triage at 3pm.', 0],
        ['Release **4.2** is cut. Please test on staging.', 2],
      ]);
      const release = page.items[2];
      expect(release.user_id).toBe(w.ownerId);
      expect(release.date_iso).toBe(new Date(release.date_ms as number).toISOString());
      const thread = await messages({ channel_id: channels['Engineering'], message_id: release.id });
      expect(thread.items.map((m) => [m.text, m.user_id, m.reply_count])).toEqual([
        ['Smoke tests pass on staging.', w.davidId, 0],
        ['On it.', w.sarahId, 0],
      ]);
    });

    it('pages through a long channel, 25 at a time', async () => {
      for (let i = 1; i <= 30; i++) {
        await v3(`${w.acmeId}/chat/channels/${channels['Marketing']}/messages`, {
          method: 'POST',
          body: { type: 'message', content: `Update ${i}` },
        });
      }
      const first = await messages({ channel_id: channels['Marketing'] });
      expect(first.items).toHaveLength(25);
      expect(first).toMatchObject({ truncated: true, next_cursor: expect.any(String) });
      const second = await messages({ channel_id: channels['Marketing'], cursor: first.next_cursor });
      expect(second).toMatchObject({ truncated: false, next_cursor: null });
      const ids = [...first.items, ...second.items].map((m) => m.id);
      expect(new Set(ids).size).toBe(31);
      expect(second.items.at(-1)?.text).toBe('The launch blog post draft is in *Q3 Marketing Launch*.');
      // A cursor of one channel is not read for another.
      const other = await firstIssue('chat_message_list', {
        channel_id: channels['Engineering'],
        cursor: first.next_cursor,
      });
      expect(other).toMatchObject({ code: 'VALIDATION_ERROR', path: 'cursor' });
    });

    it('refuses a message of another channel, an unknown channel and one of another workspace', async () => {
      const marketing = await messages({ channel_id: channels['Marketing'] });
      const elsewhere = await firstIssue('chat_message_list', {
        channel_id: channels['Engineering'],
        message_id: marketing.items[0].id,
      });
      expect(elsewhere.code).toBe('NOT_FOUND');
      expect((await firstIssue('chat_message_list', { channel_id: 'nope-1000' })).code).toBe('NOT_FOUND');
      const globex = await firstIssue('chat_message_list', { channel_id: channels['Globex Operations'] });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.code);
    });
  });

  describe('on a server pinned to the Engineering space', () => {
    it('reads and posts in the channels of its space, lists and folders', async () => {
      expect((await messages({ channel_id: channels['Engineering'] }, engHost)).items).toHaveLength(3);
      expect((await messages({ channel_id: channels['Sprint 42'] }, engHost)).items).toHaveLength(1);
      const sent = await engHost.call('chat_message_send', {
        channel_id: channels['Engineering'],
        text: 'Pinned hello',
      });
      expect(sent.ok).toBe(true);
    });

    it('refuses the workspace channel, the DM and the channel of another space, and writes nothing', async () => {
      for (const name of ['General', 'Alex Rivera, Sarah Chen']) {
        const refused = await firstIssue('chat_message_list', { channel_id: channels[name] }, engHost);
        expect(refused).toMatchObject({
          code: 'FORBIDDEN',
          message: expect.stringContaining('whole workspace'),
        });
      }
      const marketing = await firstIssue(
        'chat_message_send',
        { channel_id: channels['Marketing'], text: 'Leak' },
        engHost,
      );
      expect(marketing.code).toBe('FORBIDDEN');
      const general = await firstIssue(
        'chat_message_send',
        { channel_id: channels['General'], text: 'Leak' },
        engHost,
      );
      expect(general.code).toBe('FORBIDDEN');
      const after = await v3<{ data: { content: string }[] }>(
        `${w.acmeId}/chat/channels/${channels['Marketing']}/messages`,
      );
      expect(after.body.data.map((m) => m.content)).not.toContain('Leak');
    });
  });

  describe('writing', () => {
    it('posts a markdown message as written', async () => {
      const text = '**Summary**: moved 3 bugs to *Bug Backlog*\n\n- ENG-1\n- ENG-2';
      const sent = await host.call<{ id: string }>('chat_message_send', {
        channel_id: channels['Engineering'],
        text,
      });
      expect(sent).toMatchObject({ ok: true, issues: [], result: { id: expect.any(String) } });
      const latest = await messages({ channel_id: channels['Engineering'] });
      expect(latest.items[0]).toMatchObject({
        id: sent.result?.id,
        text,
        user_id: w.ownerId,
        reply_count: 0,
      });
    });

    it('replies in a thread, which the message then counts', async () => {
      const [, , release] = (await messages({ channel_id: channels['Engineering'] })).items;
      const reply = await host.call<{ id: string }>('chat_reply_send', {
        channel_id: channels['Engineering'],
        message_id: release.id,
        text: 'Staging looks **good**',
      });
      expect(reply).toMatchObject({ ok: true, issues: [] });
      const thread = await messages({ channel_id: channels['Engineering'], message_id: release.id });
      expect(thread.items[0]).toMatchObject({ id: reply.result?.id, text: 'Staging looks **good**' });
      const again = await messages({ channel_id: channels['Engineering'] });
      expect(again.items.find((m) => m.id === release.id)?.reply_count).toBe(3);
      // A reply is no message of the channel to reply to.
      const nested = await firstIssue('chat_reply_send', {
        channel_id: channels['Engineering'],
        message_id: reply.result?.id,
        text: 'Nested',
      });
      expect(nested.code).toBe('NOT_FOUND');
    });

    it('adds a reaction, written with or without colons, and passes on what ClickUp refuses', async () => {
      const [latest] = (await messages({ channel_id: channels['Engineering'] })).items;
      const added = await host.call('chat_reaction_add', {
        channel_id: channels['Engineering'],
        message_id: latest.id,
        emoji: ':rocket:',
      });
      expect(added).toMatchObject({ ok: true, issues: [], result: { emoji: 'rocket' } });
      const reactions = await v3<{ data: { reaction: string; user_id: string }[] }>(
        `${w.acmeId}/chat/messages/${latest.id}/reactions`,
      );
      expect(reactions.body.data).toEqual([
        expect.objectContaining({ reaction: 'rocket', user_id: String(w.ownerId) }),
      ]);
      const twice = await firstIssue('chat_reaction_add', {
        channel_id: channels['Engineering'],
        message_id: latest.id,
        emoji: 'rocket',
      });
      expect(twice).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringContaining('already exists'),
      });
      const unknown = await firstIssue('chat_reaction_add', {
        channel_id: channels['Engineering'],
        message_id: latest.id,
        emoji: 'no_such_emoji',
      });
      expect(unknown).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringContaining('not supported'),
      });
    });
  });

  describe('validation', () => {
    it('names the argument at fault before any request', async () => {
      const eng = channels['Engineering'];
      expect(await firstIssue('chat_message_send', { channel_id: eng, text: '   ' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'text',
      });
      expect(await firstIssue('chat_message_send', { text: 'Hi' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'channel_id',
      });
      expect(await firstIssue('chat_message_send', { channel_id: '..', text: 'Hi' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'channel_id',
      });
      expect(
        await firstIssue('chat_message_send', { channel_id: eng, text: 'x'.repeat(40_001) }),
      ).toMatchObject({ code: 'VALIDATION_ERROR', path: 'text' });
      expect(await firstIssue('chat_reply_send', { channel_id: eng, text: 'Hi' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'message_id',
      });
      expect(
        await firstIssue('chat_reaction_add', { channel_id: eng, message_id: '1', emoji: 'Thumbs Up!' }),
      ).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'emoji',
        message: 'emoji: "Thumbs Up!" is not an emoji name; give one such as thumbsup or tada',
      });
      expect(await firstIssue('chat_message_list', { channel_id: eng, cursor: 'garbage' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'cursor',
      });
      expect(await firstIssue('chat_channel_list', { cursor: 'garbage' })).toMatchObject({
        code: 'VALIDATION_ERROR',
        path: 'cursor',
      });
    });
  });
});
