import type { CustomField, CustomFieldOption, CustomFieldValue, TaskCustomField } from '@gw/clickup-client';
import { foldName } from '../core/format';
import { isClickUpId, TIME_HINT, timeField } from '../core/input-fields';
import { invalid } from '../core/tool-error';

/** Drop-down options carry `name`, label options `label` (API-NOTES §6.1). */
export const optionName = (o: CustomFieldOption): string => o.name ?? o.label ?? o.id;

const optionsOf = (field: CustomField) => field.type_config.options ?? [];

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Ids of users or tasks, whether ClickUp embedded objects (`[{id, …}]`) or bare ids. */
function idsOf(value: unknown): Array<string | number> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v === 'string' || typeof v === 'number') return [v];
    if (v && typeof v === 'object' && 'id' in v) return [(v as { id: string | number }).id];
    return [];
  });
}

/**
 * A field's value as an agent reads it: drop-down and label values as option NAMES (ClickUp sends the
 * option's orderindex or ids), numbers as numbers, dates as epoch ms, people and tasks as `{id, name}`.
 */
export function readFieldValue(field: TaskCustomField): unknown {
  const value = field.value;
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'drop_down': {
      const option = optionsOf(field).find(
        (o) => o.id === value || (o.orderindex !== null && String(o.orderindex) === String(value)),
      );
      return option ? optionName(option) : value;
    }
    case 'labels':
    case 'label': {
      const ids = Array.isArray(value) ? value.map(String) : [String(value)];
      return ids.map((id) => {
        const option = optionsOf(field).find((o) => o.id === id);
        return option ? optionName(option) : id;
      });
    }
    case 'number':
    case 'currency':
    case 'emoji':
    case 'date':
      return toNumber(value) ?? value;
    case 'checkbox':
      return value === true || value === 'true';
    case 'manual_progress':
    case 'automatic_progress': {
      const current = value && typeof value === 'object' ? (value as { current?: unknown }).current : value;
      return toNumber(current) ?? value;
    }
    case 'users':
      return Array.isArray(value)
        ? value.map((u: { id?: unknown; username?: unknown }) => ({ id: u.id, name: u.username ?? null }))
        : value;
    case 'tasks':
    case 'list_relationship':
      return Array.isArray(value)
        ? value.map((t: { id?: unknown; name?: unknown }) => ({ id: t.id, name: t.name ?? null }))
        : value;
    default:
      return value;
  }
}

/** The one option an agent named, by id or by (case- and accent-insensitive) name. */
function resolveOption(field: CustomField, wanted: unknown): CustomFieldOption {
  const options = optionsOf(field);
  const text = typeof wanted === 'string' || typeof wanted === 'number' ? String(wanted) : '';
  const option =
    options.find((o) => o.id === text) ?? options.find((o) => foldName(optionName(o)) === foldName(text));
  if (!option) {
    throw invalid(
      `"${text}" is not an option of ${field.name}; valid options: ${options.map(optionName).join(', ')}.`,
      'value',
    );
  }
  return option;
}

function needs(condition: boolean, field: CustomField, what: string): void {
  if (!condition)
    throw invalid(`${field.name} is a ${field.type} field: the value must be ${what}.`, 'value');
}

/** A date value in the one time language of every tool (`timeField`: epoch ms or ISO 8601, UTC if no offset). */
function parseDate(value: unknown, field: CustomField): number {
  const parsed = timeField.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues[0]?.code === 'custom' ? `: ${parsed.error.issues[0].message}` : '';
  throw invalid(
    `${field.name} is a date field: the value must be ${TIME_HINT.toLowerCase()}${why}.`,
    'value',
  );
}

/** Turns a full new set into ClickUp's `{add, rem}` against the current one; `{add, rem}` passes through. */
function addRemove(
  value: unknown,
  current: Array<string | number>,
  field: CustomField,
  normalize: (id: unknown) => string | number,
): { add: Array<string | number>; rem: Array<string | number> } {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { add = [], rem = [] } = value as { add?: unknown[]; rem?: unknown[] };
    needs(Array.isArray(add) && Array.isArray(rem), field, 'a list of ids or {add, rem}');
    return { add: add.map(normalize), rem: rem.map(normalize) };
  }
  needs(Array.isArray(value), field, 'a list of ids (the full new set) or {add, rem}');
  const next = (value as unknown[]).map(normalize);
  const key = (id: string | number) => String(id);
  const now = new Set(current.map(key));
  const wanted = new Set(next.map(key));
  return {
    add: next.filter((id) => !now.has(key(id))),
    rem: current.filter((id) => !wanted.has(key(id))),
  };
}

export interface FieldWrite {
  /** The body value for `POST /task/{id}/field/{field_id}`. */
  value: CustomFieldValue;
  /** The value as the agent will read it back. */
  readable: unknown;
  /** Tasks the write links or unlinks (relationship fields): each must be proven in scope before it is sent. */
  taskIds: string[];
}

/**
 * Converts what an agent gives into the value ClickUp wants for the field's type (API-NOTES §6.2): option
 * names to option ids, full people/task sets to `{add, rem}`, ISO dates to ms. `me` is the caller's user id.
 */
export function writeFieldValue(
  field: TaskCustomField | CustomField,
  value: unknown,
  me: number | null,
): FieldWrite {
  const current = 'value' in field ? field.value : undefined;
  switch (field.type) {
    case 'drop_down': {
      const option = resolveOption(field, value);
      return { value: option.id, readable: optionName(option), taskIds: [] };
    }
    case 'labels':
    case 'label': {
      const wanted = Array.isArray(value) ? value : [value];
      const options = wanted.map((w) => resolveOption(field, w));
      return { value: options.map((o) => o.id), readable: options.map(optionName), taskIds: [] };
    }
    case 'number':
    case 'currency': {
      const n = toNumber(value);
      needs(n !== null, field, 'a number');
      return { value: n as number, readable: n, taskIds: [] };
    }
    case 'emoji': {
      needs(Number.isInteger(value) && (value as number) >= 0, field, 'a whole number of stars');
      return { value: value as number, readable: value, taskIds: [] };
    }
    case 'date': {
      const ms = parseDate(value, field);
      return { value: ms, readable: ms, taskIds: [] };
    }
    case 'checkbox': {
      const b =
        value === true || value === 'true' ? true : value === false || value === 'false' ? false : null;
      needs(b !== null, field, 'true or false');
      return { value: b as boolean, readable: b, taskIds: [] };
    }
    case 'manual_progress': {
      const n = toNumber(
        value && typeof value === 'object' ? (value as { current?: unknown }).current : value,
      );
      needs(n !== null, field, 'a number (the current progress)');
      return { value: { current: n as number }, readable: n, taskIds: [] };
    }
    case 'users': {
      const normalize = (id: unknown): number => {
        const n = id === 'me' ? me : toNumber(id);
        needs(n !== null && Number.isInteger(n), field, 'user ids (integers) or "me"');
        return n as number;
      };
      const change = addRemove(value, idsOf(current).map(Number), field, normalize);
      return { value: change, readable: change, taskIds: [] };
    }
    case 'tasks':
    case 'list_relationship': {
      const normalize = (id: unknown): string => {
        needs(typeof id === 'string' && isClickUpId(id), field, 'task ids');
        return id as string;
      };
      const change = addRemove(value, idsOf(current).map(String), field, normalize);
      return { value: change, readable: change, taskIds: [...change.add, ...change.rem].map(String) };
    }
    case 'text':
    case 'short_text':
    case 'url':
    case 'email':
    case 'phone': {
      needs(typeof value === 'string', field, 'a string');
      return { value: value as string, readable: value, taskIds: [] };
    }
    default:
      // Location, button and newer types take ClickUp's own shape, sent as given.
      return { value: value as CustomFieldValue, readable: value, taskIds: [] };
  }
}

/** A field of a task's list, by id or by name; `null` when none matches. */
export function findField<F extends CustomField>(fields: readonly F[], idOrName: string): F | null {
  return (
    fields.find((f) => f.id === idOrName) ??
    fields.find((f) => foldName(f.name) === foldName(idOrName)) ??
    null
  );
}
