import { defined, startSandbox, type Running } from './helpers';

let run: Running;
beforeAll(async () => {
  run = await startSandbox();
});
afterAll(() => run.sandbox.close());
beforeEach(() => run.sandbox.reset());

interface Channel {
  id: string;
  name: string;
  type: string;
  parent: { id: string; type: number };
  workspace_id: string;
}
interface Message {
  id: string;
  content: string;
  user_id: string;
  parent_channel: string;
  parent_message?: string;
  replies_count?: number;
  date: number;
}
interface Page<T> {
  data: T[];
  next_cursor: string;
}

const channelsOf = (workspaceId: string) => `/api/v3/workspaces/${workspaceId}/chat/channels`;
const messagesOf = (workspaceId: string) => `/api/v3/workspaces/${workspaceId}/chat/messages`;

async function channelNamed(name: string): Promise<Channel> {
  const { api, seed } = run;
  const page = await api.get<Page<Channel>>(channelsOf(seed.acme), { query: { limit: 100 } });
  return defined(
    page.body.data.find((c) => c.name === name),
    name,
  );
}

describe('v3 chat channels', () => {
  it('lists the workspace channel, the location channels and the caller’s DM, in pages', async () => {
    const { api, seed } = run;
    const all = await api.get<Page<Channel>>(channelsOf(seed.acme));
    expect(all.status).toBe(200);
    expect(all.body.data.map((c) => [c.name, c.type, c.parent.type])).toEqual([
      ['General', 'CHANNEL', 7],
      ['Engineering', 'CHANNEL', 4],
      ['Marketing', 'CHANNEL', 4],
      ['Sprint 42', 'CHANNEL', 6],
      ['Alex Rivera, Sarah Chen', 'DM', 7],
    ]);
    expect(all.body.data[1].parent.id).toBe(seed.spaces['Engineering']);
    expect(all.body.next_cursor).toBe('');
    const first = await api.get<Page<Channel>>(channelsOf(seed.acme), { query: { limit: 2 } });
    expect(first.body.data.map((c) => c.name)).toEqual(['General', 'Engineering']);
    const second = await api.get<Page<Channel>>(channelsOf(seed.acme), {
      query: { limit: 2, cursor: first.body.next_cursor },
    });
    expect(second.body.data.map((c) => c.name)).toEqual(['Marketing', 'Sprint 42']);
    // A DM is visible to its members only.
    const david = await api.as('pk_sandbox_david').get<Page<Channel>>(channelsOf(seed.acme));
    expect(david.body.data.map((c) => c.name)).not.toContain('Alex Rivera, Sarah Chen');
  });

  it('creates a workspace channel, and returns the existing one of the same name', async () => {
    const { api, seed } = run;
    const made = await api.post<{ data: Channel }>(channelsOf(seed.acme), { name: 'Releases' });
    expect(made).toMatchObject({ status: 201, body: { data: { name: 'Releases', parent: { type: 7 } } } });
    const again = await api.post<{ data: Channel }>(channelsOf(seed.acme), { name: 'Releases' });
    expect(again).toMatchObject({ status: 200, body: { data: { id: made.body.data.id } } });
    expect((await api.post(channelsOf(seed.acme), { topic: 'no name' })).status).toBe(400);
  });

  it('answers 404, 400 and 401 in the v3 error shape', async () => {
    const { api, seed } = run;
    const missing = await api.get(`${channelsOf(seed.acme)}/nope-1`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, message: 'Channel not found' });
    expect(missing.body).toHaveProperty('trace_id');
    expect(missing.body).toHaveProperty('timestamp');
    const globexChannel = (await api.as('pk_sandbox_guest').get<Page<Channel>>(channelsOf(seed.globex))).body
      .data[0];
    expect((await api.get(`${channelsOf(seed.acme)}/${globexChannel.id}`)).status).toBe(404);
    expect((await api.get(channelsOf(seed.globex))).status).toBe(401);
    expect((await api.get(channelsOf(seed.acme), { token: null })).status).toBe(401);
    const badLimit = await api.get(channelsOf(seed.acme), { query: { limit: 101 } });
    expect(badLimit).toMatchObject({
      status: 400,
      body: { status: 400, message: 'limit must be from 1 to 100' },
    });
    expect((await api.get(channelsOf(seed.acme), { query: { cursor: 'garbage' } })).status).toBe(400);
  });
});

describe('v3 chat messages', () => {
  it('lists top-level messages newest first with reply counts, and replies newest first', async () => {
    const { api, seed } = run;
    const eng = await channelNamed('Engineering');
    const page = await api.get<Page<Message>>(`${channelsOf(seed.acme)}/${eng.id}/messages`);
    expect(page.body.data.map((m) => [m.content, m.replies_count])).toEqual([
      ['The login refactor is ready for review: `Refactor Login Component`.', 0],
      ['3 new reports in *Incoming Bugs*; triage at 3pm.', 0],
      ['Release **4.2** is cut. Please test on staging.', 2],
    ]);
    expect(page.body.data[2]).toMatchObject({ user_id: String(seed.users.owner), parent_channel: eng.id });
    const plain = await api.get<Page<Message>>(`${channelsOf(seed.acme)}/${eng.id}/messages`, {
      query: { content_format: 'text/plain', limit: 1, cursor: Buffer.from('o:2').toString('base64url') },
    });
    expect(plain.body.data[0].content).toBe('Release 4.2 is cut. Please test on staging.');
    const replies = await api.get<Page<Message>>(`${messagesOf(seed.acme)}/${page.body.data[2].id}/replies`);
    expect(replies.body.data.map((r) => [r.content, r.parent_message])).toEqual([
      ['Smoke tests pass on staging.', page.body.data[2].id],
      ['On it.', page.body.data[2].id],
    ]);
    const reactions = await api.get<Page<{ reaction: string }>>(
      `${messagesOf(seed.acme)}/${page.body.data[2].id}/reactions`,
    );
    expect(reactions.body.data.map((r) => r.reaction)).toEqual(['tada', 'thumbsup']);
  });

  it('posts messages, replies and reactions, and refuses what ClickUp refuses', async () => {
    const { api, seed } = run;
    const eng = await channelNamed('Engineering');
    const url = `${channelsOf(seed.acme)}/${eng.id}/messages`;
    const sent = await api.post<Message>(url, { type: 'message', content: '**Summary**: 3 bugs moved' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ content: '**Summary**: 3 bugs moved', replies_count: 0 });
    const reply = await api.post<Message>(`${messagesOf(seed.acme)}/${sent.body.id}/replies`, {
      type: 'message',
      content: 'Thanks',
    });
    expect(reply).toMatchObject({
      status: 201,
      body: { parent_message: sent.body.id, parent_channel: eng.id },
    });
    expect(
      (await api.post(`${messagesOf(seed.acme)}/${reply.body.id}/replies`, { type: 'message', content: 'x' }))
        .status,
    ).toBe(400);
    const reactions = `${messagesOf(seed.acme)}/${sent.body.id}/reactions`;
    expect((await api.post(reactions, { reaction: 'tada' })).status).toBe(201);
    expect((await api.post(reactions, { reaction: 'tada' })).body).toMatchObject({
      status: 400,
      message: 'Reaction tada already exists',
    });
    expect((await api.post(reactions, { reaction: 'no_such_emoji' })).status).toBe(400);
    expect((await api.post(url, { content: 'no type' })).status).toBe(400);
    expect((await api.post(url, { type: 'message', content: '' })).status).toBe(400);
    expect((await api.post(url, { type: 'message', content: 'x'.repeat(40_001) })).status).toBe(400);
    expect((await api.post(url, { type: 'message', content: 'x', content_format: 'text/html' })).status).toBe(
      400,
    );
    expect((await api.post(`${messagesOf(seed.acme)}/404404/reactions`, { reaction: 'tada' })).status).toBe(
      404,
    );
    const latest = await api.get<Page<Message>>(url, { query: { limit: 1 } });
    expect(latest.body.data[0]).toMatchObject({ id: sent.body.id, replies_count: 1 });
  });
});
