import type { z } from 'zod';
import { clickUpId } from './input-fields';
import type { ToolDefinition, ToolTag } from './tool';
import type { ToolContext } from './tool-context';

/** What an id argument names, and so what its proof reads from ClickUp. */
export type ProofKind =
  | 'workspace'
  | 'space'
  | 'folder'
  | 'list'
  | 'task'
  | 'custom_field_value'
  | 'comment'
  | 'view'
  | 'checklist'
  | 'checklist_item'
  | 'doc'
  | 'goal'
  | 'key_result'
  | 'time_entry'
  | 'job'
  | 'approval'
  | 'chat_channel'
  | 'chat_message'
  | 'view';

type Args = Readonly<Record<string, unknown>>;

/**
 * How one argument is proven to name only what the server may reach. `prove` gets the argument's value (never
 * undefined or null) after validation and before the handler, with the call's scope, and throws FORBIDDEN or
 * NOT_FOUND (an out-of-scope object and a missing one answer alike). What it fetched, the handler gets again from
 * the call's scope without a request.
 */
export interface Proof<A = Args> {
  readonly kind: ProofKind;
  readonly prove: (value: unknown, args: A, ctx: ToolContext) => Promise<unknown>;
  /**
   * The argument as ClickUp's own id(s), from what `prove` read, where an agent may name the object otherwise (a
   * custom task id): the handler, its preview and the retry queue then see only ClickUp's ids.
   */
  readonly canonical?: (proved: unknown) => unknown;
}

/**
 * The proof of one id, applied to each id when the argument is a list of them. `idOf` reads ClickUp's own id from
 * what `proveId` returned, for ids an agent may write another way (see `Proof.canonical`).
 */
export function idProof<A = Args, P = unknown>(
  kind: ProofKind,
  proveId: (id: string, args: A, ctx: ToolContext) => Promise<P>,
  idOf?: (proved: P) => string,
): Proof<A> {
  return {
    kind,
    prove: (value, args, ctx) =>
      Array.isArray(value)
        ? Promise.all(value.map((id) => proveId(String(id), args, ctx)))
        : proveId(String(value), args, ctx),
    ...(idOf
      ? {
          canonical: (proved: unknown) =>
            Array.isArray(proved) ? (proved as P[]).map(idOf) : idOf(proved as P),
        }
      : {}),
  };
}

/** An id argument that needs no proof, and why: stated, so that no argument goes unproven by oversight. */
export interface Unproven {
  readonly kind: 'none';
  readonly reason: string;
}

export const unproven = (reason: string): Unproven => ({ kind: 'none', reason });

/** What stands between one tool's arguments and ClickUp. */
export interface GuardedTool<A = Args> {
  /** Every argument that names a ClickUp object (each `*_id`/`*_ids`, any id field), with its proof. */
  readonly ids: { readonly [K in keyof A]?: Proof<A> | Unproven };
  /**
   * What a server pinned to spaces refuses beyond the ids, checked on such servers only: a call that names nothing
   * in its spaces (a workspace-level doc, time on no task), or reaches the whole workspace (all its members).
   */
  readonly pinned?: (args: A, ctx: ToolContext) => void | Promise<unknown>;
}

/**
 * One tool group's guard, declared in the group's folder beside its tools: the filter a server's settings apply to
 * the group (its tag, each tool with its own method, and whether its objects belong to the workspace as a whole),
 * and what every tool's arguments must prove. A tool without an entry here cannot be registered.
 */
export interface ToolGuard {
  readonly tag: ToolTag;
  /**
   * The group's objects live in no space (goals): a server pinned to spaces lists its tools only when an admin
   * allowed workspace-level objects (`ToolFilter.workspaceObjects`).
   */
  readonly workspaceLevel: boolean;
  readonly tools: Readonly<Record<string, GuardedTool>>;
}

export function defineGuard(guard: {
  tag: ToolTag;
  workspaceLevel?: boolean;
  tools: Record<string, GuardedTool>;
}): ToolGuard {
  return { tag: guard.tag, workspaceLevel: guard.workspaceLevel ?? false, tools: guard.tools };
}

/** Keeps a tool's proofs checked against its input (argument names, their types) while the guard holds them all. */
export function guardTool<I extends z.ZodObject>(_input: I, tool: GuardedTool<z.output<I>>): GuardedTool {
  return tool as unknown as GuardedTool;
}

const CLICKUP_ID_CHECKS = new Set<unknown>(clickUpId._zod.def.checks ?? []);

/** The schema under optional/nullable/default wrappers and list elements. */
function innermost(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return innermost((def as z.core.$ZodOptionalDef).innerType);
    case 'array':
      return innermost((def as z.core.$ZodArrayDef).element);
    default:
      return schema;
  }
}

/**
 * The arguments of an input that name ClickUp objects: every `*_id` and `*_ids` holding text (not a flag such as
 * `custom_task_ids`), and any field built on the ClickUp id schema whatever its name (`parent`, `depends_on`).
 */
export function idArguments(input: z.ZodObject): string[] {
  return Object.entries(input.shape)
    .filter(([name, schema]) => {
      const inner = innermost(schema)._zod.def;
      const named = /_ids?$/.test(name) && inner.type === 'string';
      return named || (inner.checks ?? []).some((check) => CLICKUP_ID_CHECKS.has(check));
    })
    .map(([name]) => name);
}

/** A tool's guard as the catalog runs it: the proofs of the arguments it takes, and its pin rule. */
export interface CompiledGuard {
  readonly workspaceLevel: boolean;
  readonly proofs: readonly (readonly [argument: string, proof: Proof])[];
  readonly pinned?: GuardedTool['pinned'];
}

/**
 * Checks a tool against its group's guard when it is registered: the guard has an entry for it, under the tag the
 * tool carries, and that entry proves (or says why it need not prove) every argument naming a ClickUp object.
 */
export function compileGuard(tool: ToolDefinition, guard: ToolGuard | undefined): CompiledGuard {
  const guarded = guard?.tools[tool.name];
  if (!guard || !guarded) throw new Error(`tool ${tool.name} has no guard: declare it in its group's guard`);
  if (!tool.tags.includes(guard.tag)) {
    throw new Error(`tool ${tool.name} is not tagged ${guard.tag}, the tag of the guard that declares it`);
  }
  const declared = guarded.ids as Readonly<Record<string, Proof | Unproven | undefined>>;
  const missing = idArguments(tool.input).filter((argument) => declared[argument] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `tool ${tool.name}: ${missing.join(', ')} name ClickUp objects, and its guard neither proves them nor ` +
        'says why they need no proof',
    );
  }
  const unknown = Object.keys(declared).filter((argument) => !(argument in tool.input.shape));
  if (unknown.length > 0) {
    throw new Error(`the guard of ${tool.name} proves arguments it has not: ${unknown.join(', ')}`);
  }
  const proofs = Object.entries(declared).flatMap(([argument, proof]) =>
    proof && proof.kind !== 'none' ? [[argument, proof] as const] : [],
  );
  return { workspaceLevel: guard.workspaceLevel, proofs, pinned: guarded.pinned };
}

/**
 * Runs a tool's guard before its handler: every proof at once, since the call's scope fetches each object once and a
 * proof that needs another's object (a checklist, its task) waits for that same fetch; then, on a server pinned to
 * spaces, its pin rule. Throws the first refusal. Answers the arguments with every proven id that ClickUp knows by
 * another id (a custom task id) replaced by ClickUp's own, which is what the handler gets.
 */
export async function runGuard(guard: CompiledGuard, args: Args, ctx: ToolContext): Promise<Args> {
  const checks: Promise<readonly [string, unknown] | null>[] = [];
  for (const [argument, proof] of guard.proofs) {
    const value = args[argument];
    if (value === undefined || value === null) continue;
    const { canonical } = proof;
    const proved = proof.prove(value, args, ctx);
    checks.push(canonical ? proved.then((p) => [argument, canonical(p)] as const) : proved.then(() => null));
  }
  const replaced = (await Promise.all(checks)).filter((entry) => entry !== null);
  const canonicalArgs = replaced.length > 0 ? { ...args, ...Object.fromEntries(replaced) } : args;
  if (guard.pinned && ctx.scope.spaceIds) await guard.pinned(canonicalArgs, ctx);
  return canonicalArgs;
}
