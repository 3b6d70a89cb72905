import type { CustomField, Task, TaskCustomField } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { ToolError } from '../core/tool-error';
import { findField } from '../custom-fields/field-values';

/**
 * The custom field an agent named (id or name) among those of the task's list. A task carries its list's
 * fields with their options and current values, so this usually costs no call; ClickUp omits fields that do
 * not apply to the task's type, which the list's own field listing still shows.
 */
export async function fieldOfTask(
  ctx: ToolContext,
  task: Task,
  idOrName: string,
): Promise<TaskCustomField | CustomField> {
  const own = findField(task.custom_fields, idOrName);
  if (own) return own;
  const listId = task.list?.id;
  // Read once per call: the guard proving a relationship field's tasks and the handler both look the field up.
  const listFields = listId
    ? await ctx.scope.once(
        `custom_fields ${listId}`,
        async () => (await ctx.client.customFields.listForList(listId)).data,
      )
    : [];
  const field = findField(listFields, idOrName);
  if (field) return field;
  const names = listFields.map((f) => f.name).join(', ') || 'none';
  throw new ToolError(
    'NOT_FOUND',
    `No custom field "${idOrName}" applies to this task's list (its fields: ${names}).`,
    'field_id',
  );
}
