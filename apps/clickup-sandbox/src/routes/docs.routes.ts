import { Errors } from '../http/api-error';
import { bodyObject, field, isObject } from '../http/body';
import type { Ctx, Reply } from '../http/context';
import { created, ok } from '../http/context';
import type { RouteTable } from '../http/route-table';
import { doc, page, pageRef, type ContentFormat } from '../serialize/docs';
import type { DocRec, PageRec, WorkspaceRec } from '../store/types';

const PARENT_TYPES: Record<string, number> = { SPACE: 4, FOLDER: 5, LIST: 6, EVERYTHING: 7, WORKSPACE: 12 };
const VISIBILITY = ['PUBLIC', 'PRIVATE', 'PERSONAL', 'HIDDEN'] as const;

function parentType(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : (PARENT_TYPES[String(raw).toUpperCase()] ?? Number(raw));
  if (![4, 5, 6, 7, 12].includes(n))
    throw Errors.invalid(
      'parent type must be SPACE, FOLDER, LIST, EVERYTHING or WORKSPACE (4, 5, 6, 7, 12)',
      'DOCS_001',
    );
  return n;
}

function contentFormat(raw: string | undefined): ContentFormat {
  const f = raw ?? 'text/md';
  if (f !== 'text/md' && f !== 'text/plain')
    throw Errors.invalid('content_format must be text/md or text/plain', 'DOCS_002');
  return f;
}

function workspace(ctx: Ctx): WorkspaceRec {
  return ctx.store.workspace(ctx.principal, ctx.params['workspace_id']);
}

function findDoc(ctx: Ctx): { ws: WorkspaceRec; d: DocRec } {
  const ws = workspace(ctx);
  const d = ctx.store.docs.get(ctx.params['doc_id']);
  if (!d || d.workspaceId !== ws.id) throw Errors.notFound('Doc not found', 'DOCS_404');
  return { ws, d };
}

function findPage(ctx: Ctx): { ws: WorkspaceRec; d: DocRec; p: PageRec } {
  const { ws, d } = findDoc(ctx);
  const p = ctx.store.pages.get(ctx.params['page_id']);
  if (!p || p.docId !== d.id) throw Errors.notFound('Page not found', 'DOCS_404');
  return { ws, d, p };
}

function maxDepth(ctx: Ctx): number {
  const depth = ctx.query.int('max_page_depth') ?? -1;
  if (Number.isNaN(depth)) throw Errors.invalid('max_page_depth must be an integer (-1 for all)', 'DOCS_003');
  return depth;
}

/** Pages nest under `pages`; depth 0 is the top level, -1 means no limit. */
function tree<T>(ctx: Ctx, docId: string, render: (p: PageRec, children: T[] | undefined) => T): T[] {
  const pages = [...ctx.store.pages.values()]
    .filter((p) => p.docId === docId)
    .sort((a, b) => a.orderindex - b.orderindex);
  const limit = maxDepth(ctx);
  const level = (parent: string | null, depth: number): T[] =>
    pages
      .filter((p) => p.parentPageId === parent)
      .map((p) => render(p, limit === -1 || depth < limit ? level(p.id, depth + 1) : undefined));
  return level(null, 0);
}

function searchDocs(ctx: Ctx): Reply {
  const ws = workspace(ctx);
  const q = ctx.query;
  const limit = q.int('limit') ?? 50;
  if (Number.isNaN(limit) || limit < 1 || limit > 100)
    throw Errors.invalid('limit must be from 1 to 100', 'DOCS_004');
  const cursor = q.string('cursor') ?? q.string('next_cursor');
  let offset = 0;
  if (cursor) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!decoded) throw Errors.invalid('cursor is not valid', 'DOCS_005');
    offset = Number(decoded[1]);
  }
  const parentTypeRaw = q.string('parent_type');
  const wantedParentType = parentTypeRaw ? parentType(parentTypeRaw) : undefined;
  const docs = [...ctx.store.docs.values()].filter(
    (d) =>
      d.workspaceId === ws.id &&
      (q.string('id') === undefined || d.id === q.string('id')) &&
      (q.string('creator') === undefined || String(d.creatorId) === q.string('creator')) &&
      d.deleted === q.bool('deleted', false) &&
      d.archived === q.bool('archived', false) &&
      (q.string('parent_id') === undefined || d.parent.id === q.string('parent_id')) &&
      (wantedParentType === undefined || d.parent.type === wantedParentType) &&
      (d.visibility !== 'PERSONAL' || d.creatorId === ctx.principal.user.id),
  );
  const slice = docs.slice(offset, offset + limit);
  const body: Record<string, unknown> = { docs: slice.map((d) => doc(d, false)) };
  if (offset + limit < docs.length)
    body['next_cursor'] = Buffer.from(`o:${offset + limit}`).toString('base64url');
  return ok(body);
}

function createDoc(ctx: Ctx): Reply {
  const { store } = ctx;
  const ws = workspace(ctx);
  const b = bodyObject(ctx.body);
  const name = field.string(b, 'name') ?? '';
  let parent = { id: ws.id, type: 12 };
  if (b['parent'] !== undefined) {
    const raw = b['parent'];
    if (!isObject(raw) || raw['id'] === undefined)
      throw Errors.invalid('parent must be {"id", "type"}', 'DOCS_001');
    parent = { id: String(raw['id']), type: parentType(raw['type']) };
    const owner =
      parent.type === 4
        ? store.spaces.get(parent.id)?.workspaceId
        : parent.type === 5
          ? store.spaces.get(store.folders.get(parent.id)?.spaceId ?? '')?.workspaceId
          : parent.type === 6
            ? store.spaces.get(store.lists.get(parent.id)?.spaceId ?? '')?.workspaceId
            : parent.id;
    if (owner !== ws.id) throw Errors.invalid('parent does not exist in this Workspace', 'DOCS_006');
  }
  const rawVisibility = b['visibility'];
  const visibility =
    rawVisibility === undefined
      ? 'PUBLIC'
      : typeof rawVisibility === 'number'
        ? VISIBILITY[rawVisibility - 1]
        : VISIBILITY.find((v) => v === String(rawVisibility).toUpperCase());
  if (!visibility) throw Errors.invalid('visibility must be PUBLIC, PRIVATE, PERSONAL or HIDDEN', 'DOCS_007');
  const d: DocRec = {
    id: store.ids.doc(ws.id),
    workspaceId: ws.id,
    name,
    parent,
    visibility,
    creatorId: ctx.principal.user.id,
    dateCreated: ctx.now,
    dateUpdated: ctx.now,
    deleted: false,
    archived: false,
  };
  store.docs.set(d.id, d);
  if (field.bool(b, 'create_page') ?? true) newPage(ctx, d, null, name, '', '');
  return created(doc(d, true));
}

function newPage(
  ctx: Ctx,
  d: DocRec,
  parentPageId: string | null,
  name: string,
  subTitle: string,
  content: string,
): PageRec {
  const me = ctx.principal.user.id;
  const p: PageRec = {
    id: ctx.store.ids.page(d.id),
    docId: d.id,
    parentPageId,
    name,
    subTitle,
    content,
    creatorId: me,
    authors: [me],
    contributors: [],
    dateCreated: ctx.now,
    dateUpdated: ctx.now,
    orderindex: [...ctx.store.pages.values()].filter((x) => x.docId === d.id).length,
  };
  ctx.store.pages.set(p.id, p);
  return p;
}

function createPage(ctx: Ctx): Reply {
  const { ws, d } = findDoc(ctx);
  const b = bodyObject(ctx.body);
  const parentPageId = field.string(b, 'parent_page_id') ?? null;
  if (parentPageId && ctx.store.pages.get(parentPageId)?.docId !== d.id)
    throw Errors.invalid('parent_page_id is not a page of this doc', 'DOCS_008');
  contentFormat(field.string(b, 'content_format'));
  const p = newPage(
    ctx,
    d,
    parentPageId,
    field.string(b, 'name') ?? '',
    field.string(b, 'sub_title') ?? '',
    field.string(b, 'content') ?? '',
  );
  d.dateUpdated = ctx.now;
  return created(page(p, ws.id, 'text/md', []));
}

function editPage(ctx: Ctx): Reply {
  const { d, p } = findPage(ctx);
  const b = bodyObject(ctx.body);
  const mode = field.string(b, 'content_edit_mode') ?? 'replace';
  if (!['replace', 'append', 'prepend'].includes(mode))
    throw Errors.invalid('content_edit_mode must be replace, append or prepend', 'DOCS_009');
  contentFormat(field.string(b, 'content_format'));
  const content = field.string(b, 'content');
  p.name = field.string(b, 'name') ?? p.name;
  p.subTitle = field.string(b, 'sub_title') ?? p.subTitle;
  if (content !== undefined) {
    if (mode === 'replace') p.content = content;
    else if (mode === 'append') p.content = p.content === '' ? content : `${p.content}\n${content}`;
    else p.content = p.content === '' ? content : `${content}\n${p.content}`;
  }
  const me = ctx.principal.user.id;
  if (!p.authors.includes(me) && !p.contributors.includes(me)) p.contributors.push(me);
  p.dateUpdated = ctx.now;
  d.dateUpdated = ctx.now;
  return ok({});
}

export function docRoutes(r: RouteTable): void {
  const base = '/workspaces/:workspace_id/docs';
  r.v3('GET', base, searchDocs);
  r.v3('POST', base, createDoc);
  r.v3('GET', `${base}/:doc_id`, (ctx) => ok(doc(findDoc(ctx).d, true)));
  // The 2025 spec spelled this path pageListing (API-NOTES §17); both are served.
  for (const listing of ['page_listing', 'pageListing']) {
    r.v3('GET', `${base}/:doc_id/${listing}`, (ctx) => {
      const { ws, d } = findDoc(ctx);
      return ok(tree(ctx, d.id, (p, children) => pageRef(p, ws.id, children)));
    });
  }
  r.v3('GET', `${base}/:doc_id/pages`, (ctx) => {
    const { ws, d } = findDoc(ctx);
    const format = contentFormat(ctx.query.string('content_format'));
    return ok(tree(ctx, d.id, (p, children) => page(p, ws.id, format, children)));
  });
  r.v3('POST', `${base}/:doc_id/pages`, createPage);
  r.v3('GET', `${base}/:doc_id/pages/:page_id`, (ctx) => {
    const { ws, p } = findPage(ctx);
    return ok(page(p, ws.id, contentFormat(ctx.query.string('content_format')), undefined));
  });
  r.v3('PUT', `${base}/:doc_id/pages/:page_id`, editPage);
}
