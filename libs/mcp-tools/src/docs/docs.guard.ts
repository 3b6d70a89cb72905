import { FOLDER, LIST, SPACE } from '../core/proofs';
import { defineGuard, guardTool, idProof, unproven } from '../core/tool-guard';
import { forbidden } from '../core/tool-error';
import { assertDocForPages, provenDoc } from './doc.scope';
import {
  docCreateInput,
  docGetInput,
  docPageCreateInput,
  docPageGetInput,
  docPageListInput,
  docPageUpdateInput,
  docSearchInput,
} from './docs.schemas';

const DOC = idProof('doc', (id, _args, ctx) => provenDoc(ctx, id));
const DOC_OF_PAGES = idProof('doc', (id, _args, ctx) => assertDocForPages(ctx, id));
const PAGE = unproven("a page of the proven doc: ClickUp's page paths name the workspace and the doc");

export const docsGuard = defineGuard({
  tag: 'docs',
  tools: {
    doc_search: guardTool(docSearchInput, {
      ids: {
        parent_id: unproven(
          'a search filter: every doc found is checked against the scope before it is shown',
        ),
      },
    }),
    doc_get: guardTool(docGetInput, { ids: { doc_id: DOC } }),
    doc_create: guardTool(docCreateInput, {
      ids: { space_id: SPACE, folder_id: FOLDER, list_id: LIST },
      // Without a parent the doc would belong to the whole workspace.
      pinned: (args) => {
        if (args.space_id === undefined && args.folder_id === undefined && args.list_id === undefined) {
          throw forbidden(
            'This MCP server is scoped to spaces: give a space_id, folder_id or list_id in them.',
          );
        }
      },
    }),
    doc_page_list: guardTool(docPageListInput, { ids: { doc_id: DOC_OF_PAGES } }),
    doc_page_get: guardTool(docPageGetInput, { ids: { doc_id: DOC_OF_PAGES, page_id: PAGE } }),
    doc_page_create: guardTool(docPageCreateInput, { ids: { doc_id: DOC_OF_PAGES, parent_page_id: PAGE } }),
    doc_page_update: guardTool(docPageUpdateInput, { ids: { doc_id: DOC_OF_PAGES, page_id: PAGE } }),
  },
});
