import { CommentsTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

interface Comment {
  id: string;
  text: string;
  username: string | null;
  date_ms: number;
  date_iso: string;
  resolved: boolean;
  assignee_id: number | null;
}
interface CommentList {
  items: Comment[];
  next_cursor: string | null;
  truncated: boolean;
}
interface SandboxComment {
  id: string;
  comment_text: string;
  resolved: boolean;
  assignee: { id: number } | null;
}

describe('comments tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let acme: string;
  let davidId: number;
  const tasks: Record<string, string> = {};
  let sprintList: string;
  let globexTask: string;

  async function api<T>(path: string, init: RequestInit = {}, token = 'pk_sandbox_owner'): Promise<T> {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, {
      ...init,
      headers: { authorization: token, 'content-type': 'application/json' },
    });
    return (await res.json()) as T;
  }
  const sandboxComments = async (path: string) => (await api<{ comments: SandboxComment[] }>(path)).comments;
  const list = async (args: Record<string, unknown>, on = host) => {
    const envelope = await on.call<CommentList>('comment_list', args);
    expect(envelope.issues).toEqual([]);
    return must(envelope.result);
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    const { teams } = await api<{
      teams: { id: string; name: string; members: { user: { id: number; username: string } }[] }[];
    }>('/team');
    const team = must(teams.find((t) => t.name === 'Acme Corp'));
    acme = team.id;
    davidId = must(team.members.find((m) => m.user.username.startsWith('David'))).user.id;
    const { spaces } = await api<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`);
    const engineering = must(spaces.find((s) => s.name === 'Engineering')).id;
    const all = (
      await api<{ tasks: { id: string; name: string; list: { id: string } }[] }>(`/team/${acme}/task`)
    ).tasks;
    for (const t of all) tasks[t.name] = t.id;
    sprintList = must(all.find((t) => t.name === 'Refactor Login Component')).list.id;
    const globex = (await api<{ teams: { id: string }[] }>('/team', {}, 'pk_sandbox_guest')).teams[0].id;
    globexTask = (await api<{ tasks: { id: string }[] }>(`/team/${globex}/task`, {}, 'pk_sandbox_guest'))
      .tasks[0].id;
    const catalog = new ToolCatalog([new CommentsTools()]);
    host = await startToolHost({ catalog, sandboxUrl: sandbox.url, workspaceId: acme });
    pinned = await startToolHost({
      catalog,
      sandboxUrl: sandbox.url,
      workspaceId: acme,
      spaceIds: [engineering],
    });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await pinned?.close();
    await sandbox?.stop();
  });

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });

  describe('comment_list', () => {
    it('lists a task’s comments newest first as plain text', async () => {
      const result = await list({ task_id: tasks['Refactor Login Component'] });
      expect(result.items.map((c) => c.username?.split(' ')[0])).toEqual(['David', 'Alex', 'Sarah']);
      expect(result.items[0]).toMatchObject({
        text: 'The validation hook would help the signup form too.',
        resolved: false,
      });
      expect(Date.parse(result.items[0].date_iso)).toBe(result.items[0].date_ms);
      expect(result).toMatchObject({ next_cursor: null, truncated: false });
    });

    it('pages with an opaque cursor, across ClickUp’s 25-comment pages', async () => {
      const task = tasks['Checkout button misaligned on mobile Safari'];
      for (let i = 1; i <= 30; i++) {
        await api(`/task/${task}/comment`, {
          method: 'POST',
          body: JSON.stringify({ comment_text: `note ${i}` }),
        });
      }
      const all = await list({ task_id: task, limit: 100 });
      expect(all.items).toHaveLength(31);
      expect(all.next_cursor).toBeNull();

      const seen: string[] = [];
      let cursor: string | null | undefined;
      let calls = 0;
      do {
        const page = await list({ task_id: task, limit: 12, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.next_cursor;
        calls += 1;
      } while (cursor && calls < 10);
      expect(calls).toBe(3);
      expect(seen).toEqual(all.items.map((c) => c.id));
    });

    it('lists a list’s own comments', async () => {
      const result = await list({ list_id: sprintList });
      expect(result.items.map((c) => c.text)).toEqual(['Sprint 42 review moved to Thursday.']);
    });

    it('validates the parent and the limit', async () => {
      const neither = await host.call('comment_list', {});
      expect(neither).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'task_id' }] });
      const both = await host.call('comment_list', { task_id: 'a', list_id: 'b' });
      expect(both).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'task_id' }] });
      const limit = await host.call('comment_list', { task_id: tasks['Refactor Login Component'], limit: 0 });
      expect(limit).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'limit' }] });
    });

    it('refuses tasks out of scope, in Globex, or unknown', async () => {
      const marketing = await pinned.call('comment_list', { task_id: tasks['Draft launch blog post'] });
      expect(marketing).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const globex = await host.call('comment_list', { task_id: globexTask });
      expect(globex).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const unknown = await host.call('comment_list', { task_id: 'nope123' });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
      const inScope = await list({ task_id: tasks['Refactor Login Component'] }, pinned);
      expect(inScope.items).toHaveLength(3);
    });
  });

  describe('comment_create', () => {
    it('posts on a task, assigned, and on a list', async () => {
      const task = tasks['Refactor Login Component'];
      const created = await host.call<{ id: string; date_ms: number }>('comment_create', {
        task_id: task,
        text: 'Please review the hook API before Friday.',
        assignee: davidId,
      });
      expect(created.ok).toBe(true);
      const stored = await sandboxComments(`/task/${task}/comment`);
      expect(stored[0]).toMatchObject({
        id: must(created.result).id,
        comment_text: 'Please review the hook API before Friday.',
        assignee: { id: davidId },
      });
      const onList = await host.call('comment_create', { list_id: sprintList, text: 'Demo on Thursday.' });
      expect(onList.ok).toBe(true);
      expect((await sandboxComments(`/list/${sprintList}/comment`))[0].comment_text).toBe(
        'Demo on Thursday.',
      );
    });

    it('refuses blank text and tasks outside the pinned spaces', async () => {
      const blank = await host.call('comment_create', {
        task_id: tasks['Refactor Login Component'],
        text: '  ',
      });
      expect(blank).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'text' }] });
      const marketing = tasks['Draft launch blog post'];
      const denied = await pinned.call('comment_create', { task_id: marketing, text: 'Hello' });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(await sandboxComments(`/task/${marketing}/comment`)).toEqual([]);
    });
  });

  describe('comment_update and comment_delete', () => {
    it('resolves a comment keeping its text, then edits the text', async () => {
      const task = tasks['Refactor Login Component'];
      const [newest] = await sandboxComments(`/task/${task}/comment`);
      const resolved = await host.call<Comment>('comment_update', {
        task_id: task,
        comment_id: newest.id,
        resolved: true,
      });
      expect(resolved.result).toMatchObject({ id: newest.id, resolved: true, text: newest.comment_text });
      expect((await sandboxComments(`/task/${task}/comment`))[0]).toMatchObject({
        resolved: true,
        comment_text: newest.comment_text,
        assignee: null,
      });
      const edited = await host.call<Comment>('comment_update', {
        task_id: task,
        comment_id: newest.id,
        text: 'The hook would help signup too (tracked separately).',
        assignee: davidId,
      });
      expect(edited.result).toMatchObject({ resolved: true, assignee_id: davidId });
      expect((await sandboxComments(`/task/${task}/comment`))[0]).toMatchObject({
        comment_text: 'The hook would help signup too (tracked separately).',
        assignee: { id: davidId },
        resolved: true,
      });
    });

    it('refuses unknown comments, comments of another task, empty edits and out-of-scope tasks', async () => {
      const login = tasks['Refactor Login Component'];
      const checkout = tasks['Checkout button misaligned on mobile Safari'];
      const [checkoutComment] = await sandboxComments(`/task/${checkout}/comment`);
      const unknown = await host.call('comment_update', {
        task_id: login,
        comment_id: '999999',
        resolved: true,
      });
      expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const elsewhere = await host.call('comment_delete', { task_id: login, comment_id: checkoutComment.id });
      expect(elsewhere).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const empty = await host.call('comment_update', { task_id: checkout, comment_id: checkoutComment.id });
      expect(empty).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'text' }] });

      const marketing = tasks['Draft launch blog post'];
      const created = await host.call<{ id: string }>('comment_create', {
        task_id: marketing,
        text: 'Draft ready',
      });
      const id = must(created.result).id;
      const update = await pinned.call('comment_update', {
        task_id: marketing,
        comment_id: id,
        resolved: true,
      });
      expect(update).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const remove = await pinned.call('comment_delete', { task_id: marketing, comment_id: id });
      expect(remove).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect(await sandboxComments(`/task/${marketing}/comment`)).toEqual([
        expect.objectContaining({ id, resolved: false }),
      ]);
      expect(await sandboxComments(`/task/${checkout}/comment`)).toHaveLength(1);
    });

    it('deletes a comment', async () => {
      const task = tasks['Refactor Login Component'];
      const [newest] = await sandboxComments(`/task/${task}/comment`);
      const deleted = await pinned.call('comment_delete', { task_id: task, comment_id: newest.id });
      expect(deleted).toMatchObject({ ok: true, result: { id: newest.id, deleted: true } });
      const left = await sandboxComments(`/task/${task}/comment`);
      expect(left.map((c) => c.id)).not.toContain(newest.id);
      expect(left).toHaveLength(2);
      const again = await host.call('comment_delete', { task_id: task, comment_id: newest.id });
      expect(again).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
    });
  });

  describe('comment threads', () => {
    interface Reply {
      id: string;
      text: string;
      user_id: number | null;
      username: string | null;
      date_ms: number | null;
      date_iso: string | null;
    }
    const checkout = () => tasks['Checkout button misaligned on mobile Safari'];

    it('counts replies in comment_list and lists a thread oldest first', async () => {
      const [parent] = (await list({ task_id: checkout() })).items as (Comment & { replies: number })[];
      expect(parent).toMatchObject({ text: 'Reproduced on iPhone 15, Safari 17.4.', replies: 1 });
      const thread = await host.call<{ items: Reply[]; next_cursor: string | null; truncated: boolean }>(
        'comment_reply_list',
        { task_id: checkout(), comment_id: parent.id },
      );
      expect(thread).toMatchObject({ ok: true, result: { next_cursor: null, truncated: false } });
      expect(thread.result?.items.map((r) => r.text)).toEqual([
        'Same on iPad; the button sits under the keyboard.',
      ]);
      expect(Object.keys(thread.result?.items[0] ?? {}).sort()).toEqual(
        ['date_iso', 'date_ms', 'id', 'text', 'username'].sort(),
      );
    });

    it('replies in a thread, and pages a long thread', async () => {
      const [parent] = (await list({ task_id: checkout() })).items;
      const reply = await host.call<{ id: string | null }>('comment_reply_create', {
        task_id: checkout(),
        comment_id: parent.id,
        text: 'Fixed in #812.',
      });
      expect(reply).toMatchObject({ ok: true, result: { id: expect.any(String) } });
      await host.call('comment_reply_create', {
        task_id: checkout(),
        comment_id: parent.id,
        text: 'Verified.',
      });
      const raw = await sandboxComments(`/comment/${parent.id}/reply`);
      expect(raw.map((c) => c.comment_text)).toEqual([
        'Same on iPad; the button sits under the keyboard.',
        'Fixed in #812.',
        'Verified.',
      ]);
      // Replies stay out of the task's own comments; the count follows.
      const after = (await list({ task_id: checkout() })).items as (Comment & { replies: number })[];
      expect(after[0]).toMatchObject({ id: parent.id, replies: 3 });
      expect(after).toHaveLength(1);

      for (let i = 1; i <= 49; i++) {
        await api(`/comment/${parent.id}/reply`, {
          method: 'POST',
          body: JSON.stringify({ comment_text: `more ${i}`, notify_all: false }),
        });
      }
      const first = await host.call<{ items: Reply[]; next_cursor: string | null; truncated: boolean }>(
        'comment_reply_list',
        { task_id: checkout(), comment_id: parent.id },
      );
      expect(first.result).toMatchObject({ truncated: true, next_cursor: expect.any(String) });
      expect(first.result?.items).toHaveLength(50);
      const rest = await host.call<{ items: Reply[]; next_cursor: string | null }>('comment_reply_list', {
        task_id: checkout(),
        comment_id: parent.id,
        cursor: first.result?.next_cursor,
      });
      expect(rest.result).toMatchObject({
        items: [{ text: 'more 48' }, { text: 'more 49' }],
        next_cursor: null,
      });
    });

    it('replies to a list comment', async () => {
      const [parent] = (await list({ list_id: sprintList })).items;
      const reply = await host.call('comment_reply_create', {
        list_id: sprintList,
        comment_id: parent.id,
        text: 'Thursday works.',
      });
      expect(reply.ok).toBe(true);
      const thread = await host.call<{ items: Reply[] }>('comment_reply_list', {
        list_id: sprintList,
        comment_id: parent.id,
      });
      expect(thread.result?.items.map((r) => r.text)).toEqual(['Thursday works.']);
    });

    it('validates the arguments and refuses a comment of another task or out of scope', async () => {
      const [parent] = (await list({ task_id: checkout() })).items;
      const noParent = await host.call('comment_reply_list', { comment_id: parent.id });
      expect(noParent).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'task_id' }] });
      const blank = await host.call('comment_reply_create', {
        task_id: checkout(),
        comment_id: parent.id,
        text: '  ',
      });
      expect(blank).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'text' }] });
      const wrongTask = await host.call('comment_reply_create', {
        task_id: tasks['Refactor Login Component'],
        comment_id: parent.id,
        text: 'x',
      });
      expect(wrongTask).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });

      const blog = tasks['Draft launch blog post'];
      const { id: marketingComment } = await api<{ id: string }>(`/task/${blog}/comment`, {
        method: 'POST',
        body: JSON.stringify({ comment_text: 'Draft is up.' }),
      });
      const outOfScope = { task_id: blog, comment_id: marketingComment };
      for (const [tool, args] of [
        ['comment_reply_list', outOfScope],
        ['comment_reply_create', { ...outOfScope, text: 'x' }],
      ] as const) {
        const refused = await pinned.call(tool, args);
        expect({ tool, refused }).toMatchObject({
          tool,
          refused: { ok: false, issues: [{ code: 'FORBIDDEN' }] },
        });
      }
      expect(await sandboxComments(`/comment/${marketingComment}/reply`)).toEqual([]);
      const inScope = await pinned.call('comment_reply_list', { task_id: checkout(), comment_id: parent.id });
      expect(inScope.ok).toBe(true);
    });
  });

  describe('chat view comments', () => {
    const chat = '3c-105';

    it('posts, lists, edits and threads comments on a chat view', async () => {
      const created = await host.call<{ id: string }>('comment_create', {
        view_id: chat,
        text: 'Standup at 10',
      });
      expect(created).toMatchObject({ ok: true, result: { id: expect.any(String) } });
      const listed = await list({ view_id: chat });
      expect(listed.items.map((c) => [c.text, (c as Comment & { replies: number }).replies])).toEqual([
        ['Standup at 10', 0],
      ]);
      const id = must(created.result).id;
      const resolved = await pinned.call('comment_update', { view_id: chat, comment_id: id, resolved: true });
      expect(resolved).toMatchObject({ ok: true, result: { resolved: true, text: 'Standup at 10' } });
      const reply = await pinned.call('comment_reply_create', {
        view_id: chat,
        comment_id: id,
        text: 'Moved to 11',
      });
      expect(reply.ok).toBe(true);
      const thread = await host.call<{ items: { text: string }[] }>('comment_reply_list', {
        view_id: chat,
        comment_id: id,
      });
      expect(thread.result?.items.map((r) => r.text)).toEqual(['Moved to 11']);
      const deleted = await host.call('comment_delete', { view_id: chat, comment_id: id });
      expect(deleted).toMatchObject({ ok: true, result: { id, deleted: true } });
      expect((await list({ view_id: chat })).items).toEqual([]);
    });

    it('refuses a view that is no chat, an assignee on a view comment, two parents, and views out of scope', async () => {
      const board = await host.call('comment_list', { view_id: '3c-104' });
      expect(board.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'view_id' });
      expect(board.issues[0]?.message).toContain('board');
      const assigned = await host.call('comment_create', { view_id: chat, text: 'x', assignee: davidId });
      expect(assigned.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'assignee' });
      const two = await host.call('comment_list', { view_id: chat, list_id: sprintList });
      expect(two.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'task_id' });
      const unknown = await host.call('comment_list', { view_id: 'nope-1' });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
      // The workspace-level "Everything" view is out of reach of a server pinned to Engineering.
      const everything = await pinned.call('comment_list', { view_id: '3c-106' });
      expect(everything).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      expect((await list({ view_id: chat }, pinned)).items).toEqual([]);
    });
  });
});
