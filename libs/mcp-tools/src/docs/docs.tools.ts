import { Injectable } from '@nestjs/common';
import type { CreateDocBody, Doc, DocPage, DocPageRef } from '@gw/clickup-client';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from '../core/cursor';
import { foldName, timeFields } from '../core/format';
import { CREATE, READ, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { docScopeChecker, provenDoc } from './doc.scope';
import { docsGuard } from './docs.guard';
import {
  DOC_PARENT_TYPES,
  docCreateInput,
  docCreateOutput,
  docGetInput,
  docPageCreateInput,
  docPageCreateOutput,
  docPageGetInput,
  docPageGetOutput,
  docPageListInput,
  docPageListOutput,
  docPageUpdateInput,
  docPageUpdateOutput,
  docSchema,
  docSearchInput,
  docSearchOutput,
} from './docs.schemas';

const SEARCH_TOOL = 'doc_search';
const SEARCH_PAGE_SIZE = 100;
/** Upstream pages read per call; past it the agent gets a cursor to go on. */
const MAX_SEARCH_PAGES = 10;
/** Docs whose pages one call reads to match content; past it the agent gets a cursor to go on. */
const MAX_CONTENT_READS = 20;
const MAX_CONTENT_CHARS = 100_000;
const PARENT_TYPE_NAMES: Record<number, (typeof DOC_PARENT_TYPES)[number]> = {
  4: 'space',
  5: 'folder',
  6: 'list',
  7: 'everything',
  12: 'workspace',
};

function toDoc(doc: Doc, workspaceId: string): z.input<typeof docSchema> {
  return {
    id: doc.id,
    name: doc.name,
    parent_type: doc.parent?.type != null ? (PARENT_TYPE_NAMES[doc.parent.type] ?? null) : null,
    parent_id: doc.parent?.id ?? null,
    ...timeFields('date_updated', doc.date_updated),
    url: `https://app.clickup.com/${workspaceId}/v/dc/${doc.id}`,
  };
}

/** The query's words, folded (any case or accents); none without a query. */
const wordsOf = (query: string | undefined): string[] => (query ? foldName(query).split(' ') : []);

/** Every word of the query appears in the text, so "rate limiting guidelines" finds the doc too. */
const hasAll = (text: string, words: readonly string[]) => {
  const folded = foldName(text);
  return words.every((w) => folded.includes(w));
};

/** The first page (depth first) whose name and content hold every word, read as plain text in one request. */
async function pageMatching(ctx: ToolContext, docId: string, words: readonly string[]) {
  const { data } = await ctx.client.docs.pages(ctx.scope.workspaceId, docId, { contentFormat: 'text/plain' });
  const walk = (pages: DocPage[]): DocPage | null => {
    for (const page of pages) {
      if (hasAll(`${page.name}\n${page.content}`, words)) return page;
      const below = walk(page.pages);
      if (below) return below;
    }
    return null;
  };
  return walk(data);
}

/** The doc's parent: the space, folder or list named (at most one), else the workspace. */
function docParent(
  args: { space_id?: string; folder_id?: string; list_id?: string },
  workspaceId: string,
): NonNullable<CreateDocBody['parent']> {
  if (args.space_id) return { id: args.space_id, type: 4 };
  if (args.folder_id) return { id: args.folder_id, type: 5 };
  if (args.list_id) return { id: args.list_id, type: 6 };
  return { id: workspaceId, type: 12 };
}

function flattenPages(pages: DocPageRef[], depth = 0, parent: string | null = null) {
  const out: { id: string; name: string; parent_page_id: string | null; depth: number }[] = [];
  for (const page of pages) {
    out.push({ id: page.id, name: page.name, parent_page_id: page.parent_page_id ?? parent, depth });
    out.push(...flattenPages(page.pages, depth + 1, page.id));
  }
  return out;
}

@Injectable()
export class DocsTools implements ToolGroup {
  readonly guard = docsGuard;
  readonly tools = [
    defineTool({
      name: 'doc_search',
      title: 'Find docs',
      description: 'Finds Docs by name or place; in_content also matches page text.',
      method: 'list',
      tags: ['docs'],
      input: docSearchInput,
      output: docSearchOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const ws = ctx.scope.workspaceId;
        const state = args.cursor ? decodeCursor(SEARCH_TOOL, args.cursor) : null;
        let upstream = state && state['c'] !== '' ? String(state['c']) : undefined;
        let offset = state ? Number(state['o']) : 0;
        const words = wordsOf(args.query);
        const inContent = args.in_content && words.length > 0;
        const allowed = docScopeChecker(ctx);
        const found: { doc: Doc; page: DocPage | null }[] = [];
        let contentReads = 0;
        let next: { c: string; o: number } | null = null;
        // ClickUp's search has no text filter: names are matched here, and page contents when asked, read per doc.
        for (let read = 1; ; read++) {
          const { data } = await ctx.client.docs.search(ws, {
            parentId: args.parent_id,
            limit: SEARCH_PAGE_SIZE,
            cursor: upstream,
          });
          for (let i = offset; i < data.docs.length && next === null; i++) {
            const doc = data.docs[i];
            const byName = hasAll(doc.name, words);
            if (found.length === args.limit || (!byName && inContent && contentReads === MAX_CONTENT_READS)) {
              next = { c: upstream ?? '', o: i };
            } else if ((byName || inContent) && (await allowed(doc))) {
              if (byName) found.push({ doc, page: null });
              else {
                contentReads += 1;
                const page = await pageMatching(ctx, doc.id, words);
                if (page) found.push({ doc, page });
              }
            }
          }
          const upstreamNext = data.next_cursor && data.next_cursor !== upstream ? data.next_cursor : null;
          if (!next && upstreamNext && (found.length === args.limit || read >= MAX_SEARCH_PAGES)) {
            next = { c: upstreamNext, o: 0 };
          }
          if (next || !upstreamNext) break;
          upstream = upstreamNext;
          offset = 0;
        }
        return {
          items: found.map(({ doc, page }) => ({
            ...toDoc(doc, ws),
            ...(page ? { page_id: page.id, page_name: page.name } : {}),
          })),
          next_cursor: next ? encodeCursor(SEARCH_TOOL, next) : null,
          truncated: next !== null,
        };
      },
    }),
    defineTool({
      name: 'doc_get',
      title: 'Get a doc',
      description: "A doc's name, parent and last update.",
      method: 'get',
      tags: ['docs'],
      input: docGetInput,
      output: docSchema,
      annotations: READ,
      handler: async (args, ctx) => toDoc(await provenDoc(ctx, args.doc_id), ctx.scope.workspaceId),
    }),
    defineTool({
      name: 'doc_create',
      title: 'Create a doc',
      description:
        'Creates a doc in a space, folder, list or the workspace, optionally with first-page markdown.',
      method: 'create',
      tags: ['docs'],
      input: docCreateInput,
      output: docCreateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const ws = ctx.scope.workspaceId;
        const parent = docParent(args, ws);
        const { data } = await ctx.client.docs.create(ws, {
          name: args.name,
          parent,
          visibility:
            args.visibility === 'private' ? 'PRIVATE' : args.visibility === 'public' ? 'PUBLIC' : undefined,
          create_page: args.content === undefined,
        });
        let pageId: string | null = null;
        if (args.content !== undefined) {
          const page = await ctx.client.docs.createPage(ws, data.id, {
            name: args.name,
            content: args.content,
            content_format: 'text/md',
          });
          pageId = page.data.id;
        }
        return { ...toDoc(data, ws), page_id: pageId };
      },
    }),
    defineTool({
      name: 'doc_page_list',
      title: 'List doc pages',
      description: "A doc's page tree (ids, names, depth), in order.",
      method: 'list',
      tags: ['docs'],
      input: docPageListInput,
      output: docPageListOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.docs.pageListing(ctx.scope.workspaceId, args.doc_id, {
          maxPageDepth: args.max_depth ?? -1,
        });
        return { items: flattenPages(data), next_cursor: null, truncated: false };
      },
    }),
    defineTool({
      name: 'doc_page_get',
      title: 'Read a doc page',
      description: "A doc page's content as markdown or plain text.",
      method: 'get',
      tags: ['docs'],
      input: docPageGetInput,
      output: docPageGetOutput,
      annotations: READ,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.docs.getPage(ctx.scope.workspaceId, args.doc_id, args.page_id, {
          contentFormat: args.format === 'plain' ? 'text/plain' : 'text/md',
        });
        return {
          id: data.id,
          doc_id: data.doc_id,
          name: data.name,
          content: data.content.slice(0, MAX_CONTENT_CHARS),
          content_truncated: data.content.length > MAX_CONTENT_CHARS,
          ...timeFields('date_updated', data.date_updated),
        };
      },
    }),
    defineTool({
      name: 'doc_page_create',
      title: 'Add a doc page',
      description: 'Adds a markdown page to a doc, optionally under another page.',
      method: 'create',
      tags: ['docs'],
      input: docPageCreateInput,
      output: docPageCreateOutput,
      annotations: CREATE,
      handler: async (args, ctx) => {
        const { data } = await ctx.client.docs.createPage(ctx.scope.workspaceId, args.doc_id, {
          name: args.name,
          content: args.content,
          parent_page_id: args.parent_page_id,
          sub_title: args.sub_title,
          content_format: 'text/md',
        });
        return { id: data.id, doc_id: data.doc_id, name: data.name, parent_page_id: data.parent_page_id };
      },
    }),
    defineTool({
      name: 'doc_page_update',
      title: 'Edit a doc page',
      description: "Replaces, appends or prepends a page's markdown; can rename it.",
      method: 'update',
      tags: ['docs'],
      input: docPageUpdateInput,
      output: docPageUpdateOutput,
      // Appending twice appends twice.
      annotations: { ...UPDATE, idempotentHint: false },
      handler: async (args, ctx) => {
        await ctx.client.docs.editPage(ctx.scope.workspaceId, args.doc_id, args.page_id, {
          name: args.name,
          sub_title: args.sub_title,
          content: args.content,
          content_edit_mode: args.content === undefined ? undefined : args.mode,
          content_format: args.content === undefined ? undefined : 'text/md',
        });
        return { id: args.page_id, doc_id: args.doc_id, updated: true as const };
      },
    }),
  ];
}
