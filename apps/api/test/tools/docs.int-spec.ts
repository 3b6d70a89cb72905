import { DocsTools, ToolCatalog } from '@gw/mcp-tools';
import { startSandbox, startToolHost, type SandboxHandle, type ToolHost } from './support/tool-host';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

interface Doc {
  id: string;
  name: string;
  parent_type: string | null;
  parent_id: string | null;
  url: string;
  page_id?: string | null;
}
interface DocList {
  items: Doc[];
  next_cursor: string | null;
  truncated: boolean;
}
interface PageRow {
  id: string;
  name: string;
  parent_page_id: string | null;
  depth: number;
}
interface Page {
  id: string;
  name: string;
  content: string;
}

describe('docs tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let pinned: ToolHost;
  let acme: string;
  let globex: string;
  let engineering: string;
  let marketing: string;
  const lists: Record<string, string> = {};
  const folders: Record<string, string> = {};

  async function v2<T>(path: string, token = 'pk_sandbox_owner'): Promise<T> {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, { headers: { authorization: token } });
    return (await res.json()) as T;
  }
  async function v3<T>(path: string, init: RequestInit = {}, token = 'pk_sandbox_owner') {
    const res = await fetch(`${sandbox.url}/api/v3/workspaces/${path}`, {
      ...init,
      headers: { authorization: token, 'content-type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  const createDirect = (name: string) =>
    v3(`${acme}/docs`, { method: 'POST', body: JSON.stringify({ name, create_page: false }) });
  const search = async (args: Record<string, unknown>, on = host) => {
    const envelope = await on.call<DocList>('doc_search', args);
    expect(envelope.issues).toEqual([]);
    return must(envelope.result);
  };
  const docNamed = async (name: string) => must((await search({ query: name })).items[0]);
  const pagesOf = async (docId: string) =>
    (
      await v3<{ id: string; name: string; pages?: { id: string; name: string }[] }[]>(
        `${acme}/docs/${docId}/page_listing`,
      )
    ).body;
  const pageContent = async (docId: string, pageId: string) =>
    (await v3<{ content: string; name: string }>(`${acme}/docs/${docId}/pages/${pageId}`)).body;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const { teams } = await v2<{ teams: { id: string; name: string }[] }>('/team');
    acme = must(teams.find((t) => t.name === 'Acme Corp')).id;
    globex = (await v2<{ teams: { id: string }[] }>('/team', 'pk_sandbox_guest')).teams[0].id;
    const { spaces } = await v2<{ spaces: { id: string; name: string }[] }>(`/team/${acme}/space`);
    engineering = must(spaces.find((s) => s.name === 'Engineering')).id;
    marketing = must(spaces.find((s) => s.name === 'Marketing')).id;
    for (const space of spaces) {
      const { folders: fs } = await v2<{
        folders: { id: string; name: string; lists: { id: string; name: string }[] }[];
      }>(`/space/${space.id}/folder`);
      for (const f of fs) {
        folders[f.name] = f.id;
        for (const l of f.lists) lists[l.name] = l.id;
      }
    }
    const catalog = new ToolCatalog([new DocsTools()]);
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

  describe('doc_search and doc_get', () => {
    it('finds "API Rate Limiting Guidelines" in one call, by any casing, accents or words', async () => {
      for (const query of [
        'API Rate Limiting Guidelines',
        'api rate limiting guidélines',
        'guidelines rate',
      ]) {
        const result = await search({ query });
        expect(result.items.map((d) => d.name)).toEqual(['API Rate Limiting Guidelines']);
      }
      const doc = await docNamed('API Rate Limiting Guidelines');
      expect(doc).toMatchObject({ parent_type: 'space', parent_id: engineering });
      expect(doc.url).toContain(doc.id);
      expect((await search({ query: 'nothing like this' })).items).toEqual([]);
    });

    it('lists the workspace docs, and only the pinned spaces’ docs on a pinned server', async () => {
      expect((await search({})).items.map((d) => d.name).sort()).toEqual([
        'API Rate Limiting Guidelines',
        'Incident Response Runbook',
      ]);
      expect((await search({}, pinned)).items.map((d) => d.name)).toEqual(['API Rate Limiting Guidelines']);
      expect((await search({ parent_id: engineering })).items.map((d) => d.name)).toEqual([
        'API Rate Limiting Guidelines',
      ]);
    });

    it('judges docs in folders and lists by the space they are in', async () => {
      const created = [
        ['Sprint notes', { list_id: lists['Sprint 42'] }],
        ['Eng folder notes', { folder_id: folders['Product Engineering'] }],
        ['Launch notes', { list_id: lists['Q3 Marketing Launch'] }],
        ['Campaign notes', { folder_id: folders['Campaigns'] }],
      ] as const;
      for (const [name, parent] of created) {
        expect((await host.call('doc_create', { name, ...parent })).ok).toBe(true);
      }
      const seen = (await search({ query: 'notes' }, pinned)).items.map((d) => d.name).sort();
      expect(seen).toEqual(['Eng folder notes', 'Sprint notes']);
      expect((await search({ query: 'notes' })).items).toHaveLength(4);
    });

    it('walks ClickUp’s cursor pages and hands out its own cursor', async () => {
      for (let i = 1; i <= 110; i++) await createDirect(`Bulk note ${i}`);
      await createDirect('Zeta Handbook');
      const zeta = await search({ query: 'zeta handbook' });
      expect(zeta.items.map((d) => d.name)).toEqual(['Zeta Handbook']);

      const first = await search({ query: 'bulk', limit: 60 });
      expect(first.items).toHaveLength(60);
      expect(first.truncated).toBe(true);
      const second = await search({ query: 'bulk', limit: 60, cursor: first.next_cursor });
      expect(second.items).toHaveLength(50);
      expect(second.next_cursor).toBeNull();
      const names = [...first.items, ...second.items].map((d) => d.name);
      expect(new Set(names).size).toBe(110);

      const foreign = await host.call('doc_search', { cursor: 'bm90LWEtY3Vyc29y' });
      expect(foreign).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'cursor' }] });
    });

    it('matches page text with in_content, naming the page, and only in docs the server may read', async () => {
      type Hit = Doc & { page_id?: string; page_name?: string };
      expect((await search({ query: 'backoff' })).items).toEqual([]);
      const backoff = (await search({ query: 'backoff attempts', in_content: true })).items as Hit[];
      expect(backoff.map((d) => [d.name, d.page_name])).toEqual([
        ['API Rate Limiting Guidelines', 'Retry with backoff'],
      ]);
      const rl = await docNamed('API Rate Limiting Guidelines');
      expect((await pagesOf(rl.id)).flatMap((p) => [p.id, ...(p.pages ?? []).map((c) => c.id)])).toContain(
        backoff[0].page_id,
      );
      // A name match needs no page read and names no page.
      const byName = (await search({ query: 'runbook', in_content: true })).items as Hit[];
      expect(byName.map((d) => [d.name, d.page_id])).toEqual([['Incident Response Runbook', undefined]]);
      const channel = (await search({ query: 'incident channel', in_content: true })).items as Hit[];
      expect(channel.map((d) => d.name)).toEqual(['Incident Response Runbook']);
      expect((await search({ query: 'incident channel', in_content: true }, pinned)).items).toEqual([]);
      expect((await search({ query: 'nothing like this', in_content: true })).items).toEqual([]);
    });

    it('reads the pages of at most 20 docs per call, and goes on with a cursor', async () => {
      for (let i = 1; i <= 25; i++) await createDirect(`Empty ${i}`);
      const first = await search({ query: 'backoff', in_content: true });
      expect(first).toMatchObject({ truncated: true, next_cursor: expect.any(String) });
      const seen = [...first.items];
      let cursor = first.next_cursor;
      for (let calls = 0; cursor && calls < 5; calls++) {
        const page = await search({ query: 'backoff', in_content: true, cursor });
        seen.push(...page.items);
        cursor = page.next_cursor;
      }
      expect(cursor).toBeNull();
      expect(seen.map((d) => d.name)).toEqual(['API Rate Limiting Guidelines']);
    });

    it('gets a doc, refusing workspace-level docs on a pinned server and unknown or Globex docs', async () => {
      const doc = await docNamed('API Rate Limiting Guidelines');
      const got = await pinned.call<Doc>('doc_get', { doc_id: doc.id });
      expect(got.result).toEqual(doc);
      const runbook = await docNamed('Incident Response Runbook');
      expect((await host.call('doc_get', { doc_id: runbook.id })).ok).toBe(true);
      const denied = await pinned.call('doc_get', { doc_id: runbook.id });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const unknown = await host.call('doc_get', { doc_id: 'nope-1' });
      expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const globexDocs = await v3<{ docs: { id: string }[] }>(`${globex}/docs`, {}, 'pk_sandbox_guest');
      const foreign = await host.call('doc_get', { doc_id: globexDocs.body.docs[0].id });
      expect(foreign.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(foreign.issues[0].code);
    });
  });

  describe('doc_create', () => {
    it('creates a doc in a list with its first page in one call', async () => {
      const envelope = await pinned.call<Doc>('doc_create', {
        name: 'Sprint 42 Retro',
        list_id: lists['Sprint 42'],
        content: '# Retro\n\n- Went well: the rate limiter',
      });
      expect(envelope.result).toMatchObject({
        name: 'Sprint 42 Retro',
        parent_type: 'list',
        parent_id: lists['Sprint 42'],
      });
      const doc = must(envelope.result);
      const pages = await pagesOf(doc.id);
      expect(pages.map((p) => p.id)).toEqual([doc.page_id]);
      expect((await pageContent(doc.id, must(doc.page_id))).content).toBe(
        '# Retro\n\n- Went well: the rate limiter',
      );
    });

    it('creates workspace-level docs only on unpinned servers, and only in pinned spaces otherwise', async () => {
      const top = await host.call<Doc>('doc_create', { name: 'Company Handbook' });
      expect(top.result).toMatchObject({ parent_type: 'workspace', parent_id: acme });
      const denied = await pinned.call('doc_create', { name: 'Company Handbook 2' });
      expect(denied).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const otherSpace = await pinned.call('doc_create', { name: 'Launch plan', space_id: marketing });
      expect(otherSpace).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const otherFolder = await pinned.call('doc_create', {
        name: 'Launch plan',
        folder_id: folders['Campaigns'],
      });
      expect(otherFolder).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      const two = await host.call('doc_create', {
        name: 'X',
        space_id: engineering,
        list_id: lists['Sprint 42'],
      });
      expect(two).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'space_id' }] });
      const unnamed = await host.call('doc_create', { name: '' });
      expect(unnamed).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'name' }] });
      expect((await search({ query: 'launch plan' })).items).toEqual([]);
      expect((await search({ query: 'handbook' })).items.map((d) => d.name)).toEqual(['Company Handbook']);
    });
  });

  describe('doc pages', () => {
    it('lists the page tree with depth', async () => {
      const doc = await docNamed('API Rate Limiting Guidelines');
      const envelope = await pinned.call<{ items: PageRow[] }>('doc_page_list', { doc_id: doc.id });
      const rows = must(envelope.result).items;
      expect(rows.map((p) => [p.name, p.depth])).toEqual([
        ['Overview', 0],
        ['Limits per plan', 0],
        ['Handling 429 responses', 0],
        ['Retry with backoff', 1],
      ]);
      expect(rows[3].parent_page_id).toBe(rows[2].id);
      const top = await host.call<{ items: PageRow[] }>('doc_page_list', { doc_id: doc.id, max_depth: 0 });
      expect(must(top.result).items).toHaveLength(3);
    });

    it('reads a page as markdown or plain text', async () => {
      const doc = await docNamed('API Rate Limiting Guidelines');
      const rows = must(
        (await host.call<{ items: PageRow[] }>('doc_page_list', { doc_id: doc.id })).result,
      ).items;
      const limits = must(rows.find((p) => p.name === 'Limits per plan'));
      const md = await pinned.call<Page>('doc_page_get', { doc_id: doc.id, page_id: limits.id });
      expect(md.result).toMatchObject({ name: 'Limits per plan', content_truncated: false });
      expect(must(md.result).content).toContain('| Business Plus | 1,000 |');
      const plain = await host.call<Page>('doc_page_get', {
        doc_id: doc.id,
        page_id: limits.id,
        format: 'plain',
      });
      expect(must(plain.result).content).not.toContain('## ');
      const unknown = await host.call('doc_page_get', { doc_id: doc.id, page_id: 'nope-2' });
      expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      const badFormat = await host.call('doc_page_get', {
        doc_id: doc.id,
        page_id: limits.id,
        format: 'html',
      });
      expect(badFormat).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'format' }] });
    });

    it('keeps a pinned server out of workspace-level docs’ pages', async () => {
      const runbook = await docNamed('Incident Response Runbook');
      const [first] = await pagesOf(runbook.id);
      const calls: [string, Record<string, unknown>][] = [
        ['doc_page_list', { doc_id: runbook.id }],
        ['doc_page_get', { doc_id: runbook.id, page_id: first.id }],
        ['doc_page_create', { doc_id: runbook.id, name: 'Escalation' }],
        ['doc_page_update', { doc_id: runbook.id, page_id: first.id, content: 'x', mode: 'append' }],
      ];
      for (const [tool, args] of calls) {
        expect(await pinned.call(tool, args)).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
      }
      expect(await pagesOf(runbook.id)).toHaveLength(1);
      expect((await pageContent(runbook.id, first.id)).content).not.toMatch(/x$/);
      expect((await host.call('doc_page_get', { doc_id: runbook.id, page_id: first.id })).ok).toBe(true);
    });

    it('adds a nested page', async () => {
      const doc = await docNamed('API Rate Limiting Guidelines');
      const [overview] = await pagesOf(doc.id);
      const envelope = await pinned.call<{ id: string; parent_page_id: string }>('doc_page_create', {
        doc_id: doc.id,
        name: 'Burst allowance',
        content: 'Bursts of 20 requests are allowed.',
        parent_page_id: overview.id,
      });
      expect(envelope.result).toMatchObject({ name: 'Burst allowance', parent_page_id: overview.id });
      const tree = await pagesOf(doc.id);
      expect(must(tree[0].pages).map((p) => p.name)).toEqual(['Burst allowance']);
      const badParent = await host.call('doc_page_create', {
        doc_id: doc.id,
        name: 'X',
        parent_page_id: 'nope-3',
      });
      expect(badParent).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR' }] });
    });

    it('appends, prepends, replaces and renames', async () => {
      const doc = await docNamed('API Rate Limiting Guidelines');
      const [overview] = await pagesOf(doc.id);
      const original = (await pageContent(doc.id, overview.id)).content;
      const edit = (args: Record<string, unknown>) =>
        pinned.call('doc_page_update', { doc_id: doc.id, page_id: overview.id, ...args });

      expect(
        await edit({ content: '## Changelog\n\n- 2026: burst allowance', mode: 'append' }),
      ).toMatchObject({
        ok: true,
        result: { id: overview.id, updated: true },
      });
      expect((await pageContent(doc.id, overview.id)).content).toBe(
        `${original}\n## Changelog\n\n- 2026: burst allowance`,
      );
      await edit({ content: '> Draft', mode: 'prepend' });
      expect(
        (await pageContent(doc.id, overview.id)).content.startsWith('> Draft\n# API Rate Limiting'),
      ).toBe(true);
      await edit({ content: '# Replaced', name: 'Summary' });
      expect(await pageContent(doc.id, overview.id)).toMatchObject({
        content: '# Replaced',
        name: 'Summary',
      });

      const nothing = await edit({});
      expect(nothing).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'content' }] });
      const badMode = await edit({ content: 'x', mode: 'merge' });
      expect(badMode).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'mode' }] });
      const unknown = await pinned.call('doc_page_update', {
        doc_id: doc.id,
        page_id: 'nope-4',
        content: 'x',
      });
      expect(unknown).toMatchObject({ ok: false, issues: [{ code: 'NOT_FOUND' }] });
      expect((await pageContent(doc.id, overview.id)).content).toBe('# Replaced');
    });
  });
});
