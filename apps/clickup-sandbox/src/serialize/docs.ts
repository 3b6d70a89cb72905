import type { DocRec, PageRec } from '../store/types';
import { markdownToText } from '../util/markdown';

export type ContentFormat = 'text/md' | 'text/plain';

const PAGE_DEFAULTS = {
  font: 'default',
  font_size: 16,
  line_height: 1.5,
  page_width: 800,
  paragraph_spacing: 0,
  show_author_header: true,
  show_contributor_header: false,
  show_cover_header: false,
  show_date_header: true,
  show_page_outline: true,
  show_sub_pages: true,
  sub_page_size: 'medium',
  show_sub_title_header: true,
  show_title_icon_header: false,
  show_relationships: false,
  show_relationships_compact: false,
  show_sub_pages_author: false,
  show_sub_pages_thumbnail: false,
  show_sub_pages_compact: false,
  sub_pages_style: 'list',
};

export function doc(d: DocRec, full: boolean) {
  const out: Record<string, unknown> = {
    id: d.id,
    date_created: d.dateCreated,
    date_updated: d.dateUpdated,
    name: d.name,
    type: 1,
    parent: { id: d.parent.id, type: d.parent.type },
    public: d.visibility === 'PUBLIC',
    workspace_id: Number(d.workspaceId),
    creator: d.creatorId,
    deleted: d.deleted,
    archived: d.archived,
  };
  if (full) out['page_defaults'] = PAGE_DEFAULTS;
  return out;
}

export function pageRef(p: PageRec, workspaceId: string, children: unknown[] | undefined) {
  const out: Record<string, unknown> = { id: p.id, doc_id: p.docId };
  if (p.parentPageId) out['parent_page_id'] = p.parentPageId;
  Object.assign(out, { workspace_id: Number(workspaceId), name: p.name });
  if (children) out['pages'] = children;
  return out;
}

export function page(
  p: PageRec,
  workspaceId: string,
  format: ContentFormat,
  children: unknown[] | undefined,
) {
  const out = pageRef(p, workspaceId, undefined);
  Object.assign(out, {
    sub_title: p.subTitle,
    date_created: p.dateCreated,
    date_updated: p.dateUpdated,
    content: format === 'text/plain' ? markdownToText(p.content) : p.content,
    creator_id: p.creatorId,
    deleted: false,
    archived: false,
    authors: p.authors,
    contributors: p.contributors,
    protected: false,
    avatar: {},
    cover: {},
    presentation_details: {},
  });
  if (children) out['pages'] = children;
  return out;
}
