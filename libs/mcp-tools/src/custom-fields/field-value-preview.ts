import type { CustomField, TaskCustomField } from '@gw/clickup-client';
import type { ToolContext } from '../core/tool-context';
import { peopleLabels, personLabel } from '../previews/people';
import { excerpt, isoOf, oneLine } from '../previews/preview-text';

type AddRemove = { add: unknown[]; rem: unknown[] };

const isAddRemove = (value: unknown): value is AddRemove =>
  value !== null &&
  typeof value === 'object' &&
  Array.isArray((value as AddRemove).add) &&
  Array.isArray((value as AddRemove).rem);

/** `{id, name}` as `readFieldValue` gives people and linked tasks. */
const isNamed = (value: unknown): value is { id: unknown; name: unknown } =>
  value !== null && typeof value === 'object' && 'id' in value;

/**
 * A custom field's value as an approver reads it, whether read from the task (`readFieldValue`) or proposed by the
 * call (`writeFieldValue(...).readable`): dates as ISO, people as `Name (id)`, linked tasks by name (the guard read
 * each of them), option names and text as plain clipped text.
 */
export async function fieldValueShown(
  ctx: ToolContext,
  field: TaskCustomField | CustomField,
  value: unknown,
): Promise<unknown> {
  if (value === null || value === undefined) return null;
  if (field.type === 'date' && typeof value === 'number') return isoOf(value);
  if (field.type === 'users') {
    if (isAddRemove(value)) {
      const [add, rem] = await Promise.all([
        peopleLabels(ctx, value.add.map(String)),
        peopleLabels(ctx, value.rem.map(String)),
      ]);
      return { add, rem };
    }
    if (Array.isArray(value))
      return value.map((u) => (isNamed(u) ? personLabel(String(u.id), String(u.name ?? '')) : u));
  }
  if (field.type === 'tasks' || field.type === 'list_relationship') {
    if (isAddRemove(value)) {
      const named = (ids: unknown[]) =>
        Promise.all(
          ids.map(async (id) => taskLabel(String(id), (await ctx.scope.task(ctx.client, String(id))).name)),
        );
      const [add, rem] = await Promise.all([named(value.add), named(value.rem)]);
      return { add, rem };
    }
    if (Array.isArray(value)) return value.map((t) => (isNamed(t) ? taskLabel(String(t.id), t.name) : t));
  }
  return plainValue(value);
}

function taskLabel(id: string, name: unknown): string {
  const shown = typeof name === 'string' ? oneLine(name, 80) : '';
  return shown ? `${shown} (${id})` : `task ${id}`;
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'string') return excerpt(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? oneLine(v) : plainValue(v)));
  // Location and newer types: ClickUp's own shape, shown as clipped JSON text.
  return excerpt(JSON.stringify(value), 200);
}
