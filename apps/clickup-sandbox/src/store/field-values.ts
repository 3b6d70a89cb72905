import { ApiError } from '../http/api-error';
import { isObject } from '../http/body';
import type { Store } from './store';
import type { FieldRec } from './types';

const bad = (field: FieldRec, why: string) =>
  new ApiError(400, `Value is not valid for ${field.type} field "${field.name}": ${why}`, 'FIELD_033', {
    message: why,
  });

/**
 * Validates a `{"value": …}` write (API-NOTES §6.2) and returns what the store keeps. Users and tasks
 * fields take `{add, rem}` and merge with the previous value.
 */
export function writeFieldValue(
  store: Store,
  field: FieldRec,
  value: unknown,
  workspaceId: string,
  previous: unknown,
): unknown {
  switch (field.type) {
    case 'drop_down': {
      if (typeof value !== 'string') throw bad(field, 'send the option id (a UUID string)');
      if (!field.options.some((o) => o.id === value)) throw bad(field, 'no option has this id');
      return value;
    }
    case 'labels': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw bad(field, 'send an array of option ids');
      for (const v of value)
        if (!field.options.some((o) => o.id === v)) throw bad(field, `no option has id ${String(v)}`);
      return [...new Set(value as string[])];
    }
    case 'number':
    case 'currency': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad(field, 'send a number');
      return n;
    }
    case 'emoji': {
      const count = Number(field.typeConfig['count'] ?? 5);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > count) {
        throw bad(field, `send an integer from 0 to ${count}`);
      }
      return value;
    }
    case 'text':
    case 'short_text':
    case 'phone': {
      if (typeof value !== 'string') throw bad(field, 'send a string');
      return value;
    }
    case 'url': {
      if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) throw bad(field, 'send a valid URL');
      return value;
    }
    case 'email': {
      if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
        throw bad(field, 'send a valid email');
      return value;
    }
    case 'date': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad(field, 'send epoch milliseconds');
      return value;
    }
    case 'checkbox': {
      if (typeof value !== 'boolean') throw bad(field, 'send true or false');
      return value;
    }
    case 'manual_progress': {
      const start = Number(field.typeConfig['start'] ?? 0);
      const end = Number(field.typeConfig['end'] ?? 100);
      if (!isObject(value) || typeof value['current'] !== 'number')
        throw bad(field, 'send {"current": number}');
      const current = value['current'];
      if (current < start || current > end) throw bad(field, `current must lie between ${start} and ${end}`);
      return current;
    }
    case 'users':
    case 'tasks': {
      if (!isObject(value)) throw bad(field, 'send {"add": [...], "rem": [...]}');
      const add = Array.isArray(value['add']) ? value['add'] : [];
      const rem = Array.isArray(value['rem']) ? value['rem'] : [];
      const current = new Set(Array.isArray(previous) ? (previous as (string | number)[]) : []);
      for (const id of add) {
        if (field.type === 'users') {
          if (typeof id !== 'number') throw bad(field, `user ${String(id)} is not a user id`);
          // A user outside the Workspace is left out and the call still answers 200, as ClickUp does with
          // assignees (see checkMembers in tasks.routes.ts).
          if (!store.isMember(workspaceId, id)) continue;
        } else {
          const t = typeof id === 'string' ? store.tasks.get(id) : undefined;
          if (!t || store.workspaceOfTask(t) !== workspaceId)
            throw bad(field, `task ${String(id)} does not exist`);
        }
        current.add(id as string | number);
      }
      for (const id of rem) current.delete(id as string | number);
      return [...current];
    }
    case 'location': {
      if (!isObject(value) || !isObject(value['location']))
        throw bad(field, 'send {"location": {"lat", "lng"}, "formatted_address"}');
      return value;
    }
    default:
      throw bad(field, 'this field type cannot be set through the API');
  }
}

/** The value as a task's `custom_fields[]` reads it back (API-NOTES §6.4). */
export function readFieldValue(store: Store, field: FieldRec, stored: unknown): unknown {
  switch (field.type) {
    case 'drop_down':
      return field.options.find((o) => o.id === stored)?.orderindex;
    case 'number':
    case 'currency':
      return String(stored);
    case 'date':
      return String(stored);
    case 'manual_progress': {
      const start = Number(field.typeConfig['start'] ?? 0);
      const end = Number(field.typeConfig['end'] ?? 100);
      const current = Number(stored);
      return {
        current: String(current),
        percent_completed: Math.round(((current - start) / (end - start || 1)) * 100),
      };
    }
    case 'users':
      return (stored as number[]).flatMap((id) => {
        const u = store.users.get(id);
        return u
          ? [
              {
                id: u.id,
                username: u.username,
                email: u.email,
                color: u.color,
                initials: u.initials,
                profilePicture: u.profilePicture,
              },
            ]
          : [];
      });
    case 'tasks':
      return (stored as string[]).flatMap((id) => {
        const t = store.tasks.get(id);
        return t
          ? [
              {
                id: t.id,
                name: t.name,
                status: t.statusName,
                url: `https://app.clickup.com/t/${t.id}`,
                access: true,
              },
            ]
          : [];
      });
    default:
      return stored;
  }
}
