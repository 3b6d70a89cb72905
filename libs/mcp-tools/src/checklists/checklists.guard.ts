import { TASK } from '../core/proofs';
import { defineGuard, guardTool, idProof } from '../core/tool-guard';
import { invalid, notFound } from '../core/tool-error';
import { provenChecklist } from './checklist.scope';
import {
  checklistCreateInput,
  checklistDeleteInput,
  checklistItemCreateInput,
  checklistItemUpdateInput,
  checklistUpdateInput,
} from './checklists.schemas';

type OnTask = { task_id: string };
type InChecklist = OnTask & { checklist_id: string };

/** A checklist id names a checklist of the (proven) task beside it. */
const CHECKLIST = idProof<OnTask>('checklist', (id, args, ctx) => provenChecklist(ctx, args.task_id, id));

/** An item id names an item of that checklist. */
const ITEM = idProof<InChecklist>('checklist_item', async (id, args, ctx) => {
  const checklist = await provenChecklist(ctx, args.task_id, args.checklist_id);
  if (!checklist.items.some((i) => i.id === id)) throw notFound(`The checklist has no item ${id}.`);
});

/** An item to nest under must be another item of the same checklist. */
const NEST_UNDER = idProof<InChecklist>('checklist_item', async (id, args, ctx) => {
  const checklist = await provenChecklist(ctx, args.task_id, args.checklist_id);
  if (!checklist.items.some((i) => i.id === id)) {
    throw invalid('parent_item_id is not an item of this checklist.', 'parent_item_id');
  }
});

export const checklistsGuard = defineGuard({
  tag: 'checklists',
  tools: {
    checklist_create: guardTool(checklistCreateInput, { ids: { task_id: TASK } }),
    checklist_item_create: guardTool(checklistItemCreateInput, {
      ids: { task_id: TASK, checklist_id: CHECKLIST },
    }),
    checklist_item_update: guardTool(checklistItemUpdateInput, {
      ids: { task_id: TASK, checklist_id: CHECKLIST, item_id: ITEM, parent_item_id: NEST_UNDER },
    }),
    checklist_update: guardTool(checklistUpdateInput, {
      ids: { task_id: TASK, checklist_id: CHECKLIST },
    }),
    checklist_delete: guardTool(checklistDeleteInput, {
      ids: { task_id: TASK, checklist_id: CHECKLIST, item_id: ITEM },
    }),
  },
});
