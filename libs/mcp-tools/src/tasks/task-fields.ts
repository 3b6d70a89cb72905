import type { CustomField, Task, TaskCustomField } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { ToolError } from '../core/tool-error';
import { findField, writeFieldValue } from '../custom-fields/field-values';
import { resolveUserValue } from '../core/people';
import type { FieldAsk } from './task-verify';

/** A list's own custom fields (with the workspace's, folder's and space's), read once per call. */
export function fieldsOfList(ctx: ToolContext, listId: string): Promise<CustomField[]> {
  // Read once per call: the guard proving a relationship field's tasks and the handler both look the field up.
  return ctx.scope.once(
    `custom_fields ${listId}`,
    async () => (await ctx.client.customFields.listForList(listId)).data,
  );
}

function unknownField(idOrName: string, fields: readonly CustomField[], path: string): ToolError {
  const names = fields.map((f) => f.name).join(', ') || 'none';
  return new ToolError(
    'NOT_FOUND',
    `No custom field "${idOrName}" applies to this task's list (its fields: ${names}).`,
    path,
  );
}

/**
 * The custom field an agent named (id or name) among those of the task's list. A task carries its list's
 * fields with their options and current values, so this usually costs no call; ClickUp omits fields that do
 * not apply to the task's type, which the list's own field listing still shows.
 */
export async function fieldOfTask(
  ctx: ToolContext,
  task: Task,
  idOrName: string,
  path = 'field_id',
): Promise<TaskCustomField | CustomField> {
  const own = findField(task.custom_fields, idOrName);
  if (own) return own;
  const listFields = task.list?.id ? await fieldsOfList(ctx, task.list.id) : [];
  const field = findField(listFields, idOrName);
  if (field) return field;
  throw unknownField(idOrName, listFields, path);
}

/** A custom field of the list a task is about to be created in, by id or name. */
export async function fieldOfList(
  ctx: ToolContext,
  listId: string,
  idOrName: string,
  path: string,
): Promise<CustomField> {
  const fields = await fieldsOfList(ctx, listId);
  const field = findField(fields, idOrName);
  if (field) return field;
  throw unknownField(idOrName, fields, path);
}

/** `custom_fields` of task_create/task_update: `[{field, value}]`. */
export interface FieldArgument {
  field: string;
  value: unknown;
}

/** Finds a field an agent named in `custom_fields`; `path` names the entry at fault. */
export type FieldLookup = (idOrName: string, path: string) => Promise<TaskCustomField | CustomField>;

/** One `custom_fields` entry's value as ClickUp takes it; a value the field cannot take is refused at `<path>.value`. */
export function entryWrite(
  field: TaskCustomField | CustomField,
  value: unknown,
  me: number | null,
  path: string,
) {
  try {
    return writeFieldValue(field, value, me);
  } catch (error) {
    // writeFieldValue names `value`; the agent's argument is this entry's value.
    if (error instanceof ToolError) throw new ToolError(error.code, error.message, `${path}.value`);
    throw error;
  }
}

/**
 * The writes `custom_fields` asks for, each field found (`find`) and its value converted as task_set_custom_field
 * converts it; people are named as in every user argument. A value a field cannot take is refused under its own path.
 */
export async function fieldWrites(
  ctx: ToolContext,
  entries: readonly FieldArgument[] | undefined,
  find: FieldLookup,
): Promise<FieldAsk[]> {
  if (!entries || entries.length === 0) return [];
  const fields = await Promise.all(entries.map((e, i) => find(e.field, `custom_fields.${i}.field`)));
  // People by id, "me", email or name, like every user argument.
  const values = await Promise.all(
    entries.map((e, i) =>
      fields[i].type === 'users' ? resolveUserValue(e.value, ctx, `custom_fields.${i}.value`) : e.value,
    ),
  );
  return entries.map((e, i) => {
    const path = `custom_fields.${i}`;
    return { path, field: fields[i], write: entryWrite(fields[i], values[i], null, path) };
  });
}
