import type { Doc, DocPage } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview } from '../previews/effect-preview';
import { Changes, given, previewOf } from '../previews/preview-reader';
import { defined, excerpt, excerptEnd, oneLine, quoted } from '../previews/preview-text';
import { provenDoc } from './doc.scope';
import { docCreateInput, docPageCreateInput, docPageUpdateInput } from './docs.schemas';

type Place = NonNullable<EffectPreview['location']>;

const docLabel = (d: Pick<Doc, 'id' | 'name'>) => `doc ${quoted(d.name)} (${d.id})`;
const docPlace = (d: Doc): Place => ({ type: 'doc', id: d.id, name: oneLine(d.name) });

/** Where a new doc goes: the space, folder or list named (the guard proved it), else the workspace. */
async function parentPlace(
  args: { space_id?: string; folder_id?: string; list_id?: string },
  ctx: ToolContext,
): Promise<Place> {
  if (args.space_id) {
    const space = await ctx.scope.space(ctx.client, args.space_id);
    return { type: 'space', id: space.id, name: oneLine(space.name) };
  }
  if (args.folder_id) {
    const folder = await ctx.scope.folder(ctx.client, args.folder_id);
    return { type: 'folder', id: folder.id, name: oneLine(folder.name) };
  }
  if (args.list_id) {
    const list = await ctx.scope.list(ctx.client, args.list_id);
    return { type: 'list', id: list.id, name: oneLine(list.name) };
  }
  return { type: 'workspace', id: ctx.scope.workspaceId, name: null };
}

/** A page of the doc as markdown, read once per call. */
function pageOf(ctx: ToolContext, docId: string, pageId: string): Promise<DocPage> {
  return ctx.scope.once(`doc page ${docId} ${pageId}`, async () => {
    const { data } = await ctx.client.docs.getPage(ctx.scope.workspaceId, docId, pageId, {
      contentFormat: 'text/md',
    });
    return data;
  });
}

/** What a page's content becomes: the new text, or the old with it added at the end or the start. */
function contentAfter(current: string, text: string, mode: 'replace' | 'append' | 'prepend'): string | null {
  if (mode === 'append') return excerptEnd(`${current}\n${text}`);
  if (mode === 'prepend') return excerpt(`${text}\n${current}`);
  return excerpt(text);
}

export const docsPreviews = {
  doc_create: previewOf(docCreateInput, async (args, ctx) => {
    const place = await parentPlace(args, ctx);
    return {
      kind: 'create',
      summary: `Creates doc ${quoted(args.name)} in ${place.name === null ? 'the workspace' : `${place.type} ${place.name}`}`,
      proposed: defined({
        name: oneLine(args.name),
        visibility: args.visibility,
        content: given(args.content, excerpt),
      }),
      location: place,
    };
  }),

  doc_page_create: previewOf(docPageCreateInput, async (args, ctx) => {
    const [doc, parent] = await Promise.all([
      provenDoc(ctx, args.doc_id),
      args.parent_page_id ? pageOf(ctx, args.doc_id, args.parent_page_id) : null,
    ]);
    const under = parent ? ` under page ${quoted(parent.name)}` : '';
    return {
      kind: 'create',
      summary: `Adds page ${quoted(args.name)} to ${docLabel(doc)}${under}`,
      proposed: defined({
        name: oneLine(args.name),
        sub_title: given(args.sub_title, oneLine),
        content: given(args.content, excerpt),
        parent_page: parent ? `${oneLine(parent.name)} (${parent.id})` : undefined,
      }),
      location: docPlace(doc),
    };
  }),

  doc_page_update: previewOf(docPageUpdateInput, async (args, ctx) => {
    const [doc, page] = await Promise.all([
      provenDoc(ctx, args.doc_id),
      pageOf(ctx, args.doc_id, args.page_id),
    ]);
    const changes = new Changes()
      .add('name', given(args.name, oneLine), oneLine(page.name))
      .add('sub_title', given(args.sub_title, oneLine), page.sub_title && oneLine(page.sub_title))
      .add(
        args.mode === 'replace' ? 'content' : `content (${args.mode})`,
        given(args.content, (text) => contentAfter(page.content, text, args.mode)),
        args.mode === 'append' ? excerptEnd(page.content) : excerpt(page.content),
      );
    return {
      kind: 'update',
      summary: `Edits page ${quoted(page.name)} (${page.id}) of ${docLabel(doc)}${changes.phrase()}`,
      target: { type: 'doc_page', id: page.id, name: oneLine(page.name) },
      changes: changes.list,
    };
  }),
};
