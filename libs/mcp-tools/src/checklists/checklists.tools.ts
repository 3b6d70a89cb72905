import { Injectable } from '@nestjs/common';
import type { Checklist } from '@gw/clickup-client';
import type { z } from 'zod';
import { CREATE, DELETE, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import type { ToolContext } from '../core/tool-context';
import { invalid, notFound } from '../core/tool-error';
import {
  checklistCreateInput,
  checklistDeleteInput,
  checklistDeleteOutput,
  checklistItemCreateInput,
  checklistItemUpdateInput,
  checklistSchema,
} from './checklists.schemas';

/** ClickUp has no "get checklist": the task (which scopes it) carries its checklists. */
async function findChecklist(ctx: ToolContext, taskId: string, checklistId: string): Promise<Checklist> {
  const task = await ctx.scope.task(ctx.client, taskId);
  const checklist = task.checklists.find((c) => c.id === checklistId);
  if (!checklist) throw notFound('That task has no checklist with this checklist_id (see task_get).');
  return checklist;
}

function assertItem(checklist: Checklist, itemId: string): void {
  if (!checklist.items.some((i) => i.id === itemId)) throw notFound(`The checklist has no item ${itemId}.`);
}

function toChecklist(c: Checklist, taskId: string): z.input<typeof checklistSchema> {
  return {
    id: c.id,
    task_id: c.task_id ?? taskId,
    name: c.name,
    resolved: c.resolved,
    unresolved: c.unresolved,
    items: c.items.map((i) => ({
      id: i.id,
      name: i.name,
      resolved: i.resolved,
      assignee_id: i.assignee?.id ?? null,
      parent_item_id: i.parent,
    })),
  };
}

@Injectable()
export class ChecklistsTools implements ToolGroup {
  readonly tools = [
    defineTool({
      name: 'checklist_create',
      title: 'Add a checklist',
      description: 'Adds a named checklist to a task, with its items in one call.',
      method: 'create',
      tags: ['checklists'],
      input: checklistCreateInput,
      output: checklistSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        await ctx.scope.task(ctx.client, args.task_id);
        let { data } = await ctx.client.checklists.create(args.task_id, { name: args.name });
        for (const name of args.items ?? []) {
          ({ data } = await ctx.client.checklists.createItem(data.id, { name }));
        }
        return toChecklist(data, args.task_id);
      },
    }),
    defineTool({
      name: 'checklist_item_create',
      title: 'Add a checklist item',
      description: 'Adds an item to a task’s checklist.',
      method: 'create',
      tags: ['checklists'],
      input: checklistItemCreateInput,
      output: checklistSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
        await findChecklist(ctx, args.task_id, args.checklist_id);
        const { data } = await ctx.client.checklists.createItem(args.checklist_id, {
          name: args.name,
          assignee: args.assignee,
        });
        return toChecklist(data, args.task_id);
      },
    }),
    defineTool({
      name: 'checklist_item_update',
      title: 'Update a checklist item',
      description: 'Checks off (resolved: true) or reopens an item, renames, assigns or nests it.',
      method: 'update',
      tags: ['checklists'],
      input: checklistItemUpdateInput,
      output: checklistSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { name, resolved, assignee, parent_item_id: parent } = args;
        if ([name, resolved, assignee, parent].every((v) => v === undefined)) {
          throw invalid('Nothing to change: give name, resolved, assignee or parent_item_id.', 'resolved');
        }
        if (parent === args.item_id)
          throw invalid('An item cannot be nested under itself.', 'parent_item_id');
        const checklist = await findChecklist(ctx, args.task_id, args.checklist_id);
        assertItem(checklist, args.item_id);
        if (parent && !checklist.items.some((i) => i.id === parent)) {
          throw invalid('parent_item_id is not an item of this checklist.', 'parent_item_id');
        }
        const { data } = await ctx.client.checklists.updateItem(args.checklist_id, args.item_id, {
          name,
          resolved,
          assignee: assignee === undefined || assignee === null ? assignee : String(assignee),
          parent,
        });
        return toChecklist(data, args.task_id);
      },
    }),
    defineTool({
      name: 'checklist_delete',
      title: 'Delete a checklist or item',
      description: 'Deletes a checklist from its task, or with item_id only that item.',
      method: 'delete',
      tags: ['checklists'],
      input: checklistDeleteInput,
      output: checklistDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        const checklist = await findChecklist(ctx, args.task_id, args.checklist_id);
        if (args.item_id) {
          assertItem(checklist, args.item_id);
          await ctx.client.checklists.deleteItem(args.checklist_id, args.item_id);
        } else {
          await ctx.client.checklists.delete(args.checklist_id);
        }
        return { checklist_id: args.checklist_id, item_id: args.item_id ?? null, deleted: true as const };
      },
    }),
  ];
}
