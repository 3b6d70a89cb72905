import { Injectable } from '@nestjs/common';
import type { Checklist } from '@gw/clickup-client';
import type { z } from 'zod';
import { CREATE, DELETE, UPDATE, defineTool, type ToolGroup } from '../core/tool';
import { checklistsGuard } from './checklists.guard';
import {
  checklistCreateInput,
  checklistDeleteInput,
  checklistDeleteOutput,
  checklistItemCreateInput,
  checklistItemUpdateInput,
  checklistSchema,
  checklistUpdateInput,
  checklistUpdateOutput,
} from './checklists.schemas';
import { provenChecklist } from './checklist.scope';

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
  readonly guard = checklistsGuard;
  readonly tools = [
    defineTool({
      name: 'checklist_create',
      title: 'Add a checklist',
      description: 'Adds a checklist with its items to a task.',
      method: 'create',
      tags: ['checklists'],
      input: checklistCreateInput,
      output: checklistSchema,
      annotations: CREATE,
      handler: async (args, ctx) => {
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
      description: 'Checks off (resolved: true), reopens, renames, assigns or nests a checklist item.',
      method: 'update',
      tags: ['checklists'],
      input: checklistItemUpdateInput,
      output: checklistSchema,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const { name, resolved, assignee, parent_item_id: parent } = args;
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
      name: 'checklist_update',
      title: 'Edit a checklist',
      description: 'Renames or reorders a task’s checklist.',
      method: 'update',
      tags: ['checklists'],
      input: checklistUpdateInput,
      output: checklistUpdateOutput,
      annotations: UPDATE,
      handler: async (args, ctx) => {
        const current = await provenChecklist(ctx, args.task_id, args.checklist_id);
        await ctx.client.checklists.update(args.checklist_id, { name: args.name, position: args.position });
        return { id: current.id, name: args.name ?? current.name, position: args.position ?? null };
      },
    }),
    defineTool({
      name: 'checklist_delete',
      title: 'Delete a checklist or item',
      description: 'Deletes a checklist, or with item_id one item.',
      method: 'delete',
      tags: ['checklists'],
      input: checklistDeleteInput,
      output: checklistDeleteOutput,
      annotations: DELETE,
      handler: async (args, ctx) => {
        if (args.item_id) {
          await ctx.client.checklists.deleteItem(args.checklist_id, args.item_id);
        } else {
          await ctx.client.checklists.delete(args.checklist_id);
        }
        return { checklist_id: args.checklist_id, item_id: args.item_id ?? null, deleted: true as const };
      },
    }),
  ];
}
