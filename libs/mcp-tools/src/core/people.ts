import type { ClickUpUser } from '@gw/clickup-client';
import { z } from 'zod';
import type { ToolContext } from './tool-context';
import { invalid } from './tool-error';

const USER_DEFS = new WeakSet<object>();

/**
 * A person an agent names: a ClickUp user id (member_list, user_me), `"me"` (the user the server acts as), an email
 * or a name of a workspace member. The catalog resolves every such argument to a user id (`resolvePeople`) before
 * the guard and the handler run, so both see numbers only: hence the output type.
 */
const USER_REF_ACCEPTS = 'a user id (member_list), "me", an email or a name';
const userRefBase = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number' ? Number.isInteger(v) && v > 0 : v.trim() !== '' && v.length <= 200)
    return (typeof v === 'string' ? v.trim() : v) as number;
  ctx.addIssue({
    code: 'custom',
    message: `${JSON.stringify(v)} is not a person; give ${USER_REF_ACCEPTS}`,
    input: v,
  });
  return z.NEVER;
});
USER_DEFS.add(userRefBase._zod.def);
export const userRef = userRefBase.describe('User id, "me", email or name');

/** `userRef` items, described once for the list. */
export const userRefs = (max = 50) =>
  z.array(userRefBase).max(max).describe('User ids, "me", emails or names');

/** Whether a schema is `userRef` (with another description or not). */
export const isUserRef = (schema: z.ZodType): boolean => USER_DEFS.has(schema._zod.def);

interface Member {
  id: number;
  username: string | null;
  email: string | null;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/** The workspace's members as ClickUp lists them (`GET /team`), read at most once per call by everyone who asks. */
export function workspaceUsers(ctx: ToolContext): Promise<ClickUpUser[]> {
  return ctx.scope.once('workspace members', async () => {
    const { data } = await ctx.client.workspaces.list();
    return data.find((w) => w.id === ctx.scope.workspaceId)?.members.map((m) => m.user) ?? [];
  });
}

async function members(ctx: ToolContext): Promise<Member[]> {
  return (await workspaceUsers(ctx)).map((user) => ({
    id: Number(user.id),
    username: user.username ?? null,
    email: user.email ?? null,
  }));
}

function me(ctx: ToolContext): Promise<number> {
  return ctx.scope.once('people:me', async () => Number((await ctx.client.user.me()).data.id));
}

/**
 * The user id an agent meant by `ref` in argument `path`: an id as given, "me" as the server's user, an email
 * (exact, any case) or a name (exact username, any case or accents; else the one member whose name contains it).
 * Ambiguity and no match are VALIDATION_ERRORs naming the argument; candidates show emails only where the server
 * may read the member directory.
 */
export async function resolveUser(ref: number | string, ctx: ToolContext, path: string): Promise<number> {
  if (typeof ref === 'number') return ref;
  const text = ref.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (text.toLowerCase() === 'me') return me(ctx);
  const wanted = fold(text);
  const all = await members(ctx);
  let found: Member[];
  if (text.includes('@')) {
    found = all.filter((m) => m.email !== null && m.email.toLowerCase() === text.toLowerCase());
  } else {
    found = all.filter((m) => m.username !== null && fold(m.username) === wanted);
    if (found.length === 0)
      found = all.filter((m) => m.username !== null && fold(m.username).includes(wanted));
  }
  if (found.length === 1) return found[0].id;
  const given = JSON.stringify(ref);
  if (found.length === 0) {
    throw invalid(`${path}: no workspace member matches ${given}; give ${USER_REF_ACCEPTS}.`, path);
  }
  const shown = found
    .slice(0, 10)
    .map(
      (m) =>
        `${m.username ?? '?'}${ctx.scope.workspaceObjects && m.email ? ` <${m.email}>` : ''} (id ${m.id})`,
    );
  const more = found.length > shown.length ? ` and ${found.length - shown.length} more` : '';
  throw invalid(
    `${path}: ${given} matches ${found.length} members: ${shown.join(', ')}${more}; give the user id or email.`,
    path,
  );
}

/**
 * User ids for `refs` (see `resolveUser`), duplicates dropped; reads ClickUp only for "me" and names or emails.
 * Arguments of `userRef` are already ids when a handler runs; this serves values read from elsewhere.
 */
export async function resolveUsers(
  refs: ReadonlyArray<number | string> | undefined,
  ctx: ToolContext,
  path = 'assignees',
): Promise<number[] | undefined> {
  if (refs === undefined) return undefined;
  const ids = await Promise.all(refs.map((r, i) => resolveUser(r, ctx, `${path}.${i}`)));
  return [...new Set(ids)];
}

/** Unwraps optional, nullable, default and similar wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType };
    if (
      def.innerType &&
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    )
      s = def.innerType;
    else return s;
  }
}

/** Every user argument's value in `args` (by the input schema), as ids: what the catalog hands the guard and handler. */
export async function resolvePeople<T>(schema: z.ZodType, args: T, ctx: ToolContext): Promise<T> {
  // Most tools take no person: their calls skip the walk, which would otherwise run on every call.
  if (!takesPeople(schema)) return args;
  return (await walk(schema, args, '', ctx)) as T;
}

const TAKES_PEOPLE = new WeakMap<z.ZodType, boolean>();

/** Whether a schema holds a user argument anywhere (an input schema never changes, so this is asked once). */
function takesPeople(schema: z.ZodType): boolean {
  let known = TAKES_PEOPLE.get(schema);
  if (known === undefined) {
    known = holdsUserRef(schema);
    TAKES_PEOPLE.set(schema, known);
  }
  return known;
}

function holdsUserRef(schema: z.ZodType): boolean {
  const s = unwrap(schema);
  if (isUserRef(s)) return true;
  const def = s._zod.def as { type: string; element?: z.ZodType; shape?: Record<string, z.ZodType> };
  if (def.type === 'array' && def.element) return holdsUserRef(def.element);
  if (def.type === 'object' && def.shape) return Object.values(def.shape).some(holdsUserRef);
  if (def.type === 'pipe') return holdsUserRef((s._zod.def as unknown as { in: z.ZodType }).in);
  return false;
}

async function walk(schema: z.ZodType, value: unknown, path: string, ctx: ToolContext): Promise<unknown> {
  if (value === undefined || value === null) return value;
  const s = unwrap(schema);
  if (isUserRef(s)) return typeof value === 'string' ? resolveUser(value, ctx, path) : value;
  const def = s._zod.def as { type: string; element?: z.ZodType; shape?: Record<string, z.ZodType> };
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const element = def.element;
    const items = await Promise.all(value.map((v, i) => walk(element, v, join(path, String(i)), ctx)));
    return items.some((v, i) => v !== value[i]) ? items : value;
  }
  if (def.type === 'object' && def.shape && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const shape = def.shape;
    const entries = await Promise.all(
      Object.entries(record).map(async ([k, v]) => [
        k,
        shape[k] ? await walk(shape[k], v, join(path, k), ctx) : v,
      ]),
    );
    return entries.some(([k, v]) => v !== record[k as string]) ? Object.fromEntries(entries) : value;
  }
  if (def.type === 'pipe') {
    const inner = (s._zod.def as unknown as { in: z.ZodType }).in;
    return walk(inner, value, path, ctx);
  }
  return value;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A people custom field's value (`[ids…]` or `{add, rem}`) with each "me", email or name replaced by its user id
 * (see `resolveUser`); other values pass unchanged for the field's own check.
 */
export async function resolveUserValue(value: unknown, ctx: ToolContext, path: string): Promise<unknown> {
  const each = (list: unknown[], at: string) =>
    Promise.all(
      list.map((v, i) => (typeof v === 'string' && v.trim() !== '' ? resolveUser(v, ctx, `${at}.${i}`) : v)),
    );
  if (Array.isArray(value)) return each(value, path);
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, Array.isArray(v) ? await each(v, `${path}.${k}`) : v]),
    );
    return Object.fromEntries(entries);
  }
  return value;
}
