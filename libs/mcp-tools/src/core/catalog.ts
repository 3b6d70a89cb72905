import { createHash } from 'node:crypto';
import type { ClickUpClient } from '@gw/clickup-client';
import { METHOD_GROUPS, type CatalogMode } from '@gw/tool-filters';
import { z } from 'zod';
import {
  failEnvelope,
  isExplainedError,
  issuesFromError,
  okEnvelope,
  unknownArguments,
  validationIssues,
  type Envelope,
  type Issue,
} from './envelope';
import {
  TOOL_METHODS,
  type ToolAnnotations,
  type ToolDefinition,
  type ToolGroup,
  type ToolMethod,
} from './tool';
import type { ToolContext } from './tool-context';
import { compileGuard, runGuard, type CompiledGuard } from './tool-guard';
import { reachesWorkspaceObjects, type Scope } from './scope';
import { ToolError } from './tool-error';
import { illFormedTextIssues } from './well-formed-text';
import { resolvePeople } from './people';
import { approvalNote, toolMayWait, type ApprovalRule } from '../approvals/approval-policy';
import { META_LISTING } from './progressive';
import type { EffectPreview } from '../previews/effect-preview';
import { genericPreview, PREVIEW_READERS } from '../previews/previews';

/**
 * An entry of `tools/list`, as MCP clients receive it. `annotations` state only what differs from MCP's defaults
 * (see `listedAnnotations`); the tool's definition keeps all four hints for the gateway's own decisions.
 */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: Partial<ToolAnnotations>;
}

export interface ToolFilter {
  /** `read`, `write`, `custom` or single verbs; empty means all. */
  methods?: readonly string[];
  /** Tool groups; empty means all. A tool passes when any of its tags is listed. Methods and tags combine with AND. */
  tags?: readonly string[];
  /** False drops workspace-level tools (goals), as for a server pinned to spaces without the admin's leave. Default true. */
  workspaceObjects?: boolean;
  /** The server's approval policy: the tools whose calls may wait for a person say so in their description. */
  approval?: ApprovalRule;
  /** `progressive`: `tools/list` shows the meta tools (tool_search, tool_describe, tool_call) only. Default full. */
  catalog?: CatalogMode;
}

/** The part of an MCP server's stored settings that decides its tools. */
export interface ServerToolSettings {
  config: {
    methods: readonly string[];
    tags: readonly string[];
    allow_workspace_objects?: boolean;
    approval?: ApprovalRule;
    catalog?: CatalogMode;
  };
  spaceIds: readonly string[];
}

/** The catalog filter of a server: its methods and tags, and workspace-level tools only where its pin allows them. */
export function serverToolFilter(server: ServerToolSettings): ToolFilter {
  return {
    methods: server.config.methods,
    tags: server.config.tags,
    workspaceObjects: reachesWorkspaceObjects(server.spaceIds, server.config.allow_workspace_objects),
    approval: server.config.approval,
    catalog: server.config.catalog,
  };
}

/** The tools one MCP server exposes, computed once per filter. */
export interface ToolSelection {
  /** The tools a call may name: the selected ClickUp tools, listed or not. */
  readonly names: ReadonlySet<string>;
  /** What `tools/list` shows: the selected tools, or on a progressive server its meta tools. */
  readonly listing: readonly ListedTool[];
  /** The listings of the selected tools, as a full `tools/list` shows them (and `tool_describe` on a progressive one). */
  readonly tools: readonly ListedTool[];
  readonly progressive: boolean;
  /** SHA-256 of the listing, recorded in the audit log for every `tools/list`. */
  readonly hash: string;
  /** Bytes of the `tools/list` result as JSON, what the listing costs in an agent's context. */
  readonly bytes: number;
  /** The `tools/list` result as JSON (`{"tools":[…]}`), serialized once. */
  readonly json: string;
}

export function expandMethods(methods: readonly string[] = []): Set<ToolMethod> {
  if (methods.length === 0) return new Set(TOOL_METHODS);
  return new Set(
    methods.flatMap((m): readonly ToolMethod[] =>
      m === 'read' || m === 'write'
        ? METHOD_GROUPS[m]
        : TOOL_METHODS.includes(m as ToolMethod)
          ? [m as ToolMethod]
          : [],
    ),
  );
}

/**
 * `authorize(tool, args)` of one MCP server: null when the call may run, else the issues it is refused with (the
 * tool is not in the server's selection, an argument is invalid, or an id names something outside its scope).
 * Runs no handler; proofs read ClickUp with `client`, which carries the call's rate budget.
 */
export type Authorize = (tool: string, args: unknown, client: ClickUpClient) => Promise<Issue[] | null>;

/**
 * Every tool of the product. JSON Schemas are generated once at start; a server's selection is computed once per
 * distinct filter and reused, so neither `tools/list` nor `tools/call` builds anything per request.
 *
 * Each tool group brings a guard (`ToolGuard`), and a call runs: the server's selection, argument validation, the
 * guard's proofs of every id, then the handler. Handlers only translate arguments and results.
 */
export class ToolCatalog {
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  private readonly listings = new Map<string, ListedTool>();
  private readonly selections = new Map<string, ToolSelection>();
  private readonly guards = new Map<string, CompiledGuard>();

  /**
   * @param reportFault where a handler's unexpected error goes (the agent only learns that the call failed and was
   *   logged): the api's and the worker's logger. Never given the arguments, which may hold an agent's data.
   */
  constructor(
    groups: readonly ToolGroup[],
    private readonly reportFault: (tool: string, error: unknown) => void = () => undefined,
  ) {
    const tools = new Map<string, ToolDefinition>();
    for (const group of groups) {
      for (const tool of group.tools) {
        if (tools.has(tool.name)) throw new Error(`duplicate tool name ${tool.name}`);
        if (!/^[a-z_]+$/.test(tool.name)) throw new Error(`tool name ${tool.name} must be [a-z_]`);
        tools.set(tool.name, tool);
        this.listings.set(tool.name, toListing(tool));
        this.guards.set(tool.name, compileGuard(tool, group.guard));
      }
      const stale = Object.keys(group.guard?.tools ?? {}).filter(
        (name) => !group.tools.some((t) => t.name === name),
      );
      if (stale.length > 0)
        throw new Error(`the ${group.guard.tag} guard names tools it has not: ${stale.join(', ')}`);
    }
    this.tools = tools;
  }

  select(filter: ToolFilter = {}): ToolSelection {
    const methods = expandMethods(filter.methods);
    const tags = new Set(filter.tags ?? []);
    const workspaceObjects = filter.workspaceObjects ?? true;
    const chosen = [...this.tools.values()].filter(
      (t) =>
        methods.has(t.method) &&
        (tags.size === 0 || t.tags.some((tag) => tags.has(tag))) &&
        (workspaceObjects || !this.guardOf(t.name).workspaceLevel),
    );
    const rule = filter.approval;
    const waiting = rule ? chosen.filter((t) => toolMayWait(rule, t)).map((t) => t.name) : [];
    const note = rule && waiting.length > 0 ? approvalNote(rule) : '';
    // Keyed by what the listing shows, so servers whose policies mark the same tools the same way share one.
    const progressive = filter.catalog === 'progressive';
    const key = JSON.stringify([
      [...methods].sort(),
      [...tags].sort(),
      workspaceObjects,
      waiting,
      note,
      progressive,
    ]);
    const cached = this.selections.get(key);
    if (cached) return cached;
    const marked = new Set(waiting);
    const mark = (listed: ListedTool): ListedTool =>
      marked.has(listed.name) ? { ...listed, description: listed.description + note } : listed;
    const own = chosen.map((t) => this.listings.get(t.name) as ListedTool);
    const tools = own.map(mark);
    const listing = progressive ? META_LISTING : oncePerShape(own).map(mark);
    const json = JSON.stringify({ tools: listing });
    const selection: ToolSelection = {
      names: new Set(tools.map((t) => t.name)),
      listing,
      tools,
      progressive,
      hash: createHash('sha256').update(json).digest('hex'),
      bytes: Buffer.byteLength(json),
      json,
    };
    this.selections.set(key, selection);
    return selection;
  }

  /**
   * `authorize(tool, args)` for one MCP server, composed of the tool groups' guards: the admission of a call
   * without running it. `call` runs the same checks itself; use this where a call is decided on but not run here.
   */
  authorizer(selection: ToolSelection, scope: Scope): Authorize {
    return async (name, args, client) => {
      const refused = this.refuse(name, selection, scope);
      if (refused) return refused;
      const tool = this.tools.get(name) as ToolDefinition;
      const parsed = parseArguments(tool, args);
      if (!parsed.ok) return parsed.issues;
      try {
        const call = { client, scope: scope.forCall(), selection };
        await runGuard(this.guardOf(name), await resolvePeople(tool.input, parsed.args, call), call);
        return null;
      } catch (error) {
        if (!isExplainedError(error)) this.reportFault(name, error);
        return issuesFromError(error);
      }
    };
  }

  /**
   * Authorizes the call (the server's selection, the arguments' validation, the guard's proofs), runs the tool and
   * wraps the outcome in the envelope. The handler sees the call's scope, so what a proof fetched costs it nothing.
   * Never throws.
   */
  async call(name: string, args: unknown, ctx: ToolContext): Promise<Envelope> {
    const refused = this.refuse(name, ctx.selection, ctx.scope);
    if (refused) return failEnvelope(refused);
    const tool = this.tools.get(name) as ToolDefinition;
    const parsed = parseArguments(tool, args);
    if (!parsed.ok) return failEnvelope(parsed.issues);
    const notes: Issue[] = [];
    const call: ToolContext = { ...ctx, scope: ctx.scope.forCall(), notes };
    try {
      // Names, emails and "me" in user arguments become ids before any proof or handler sees them.
      const resolved = await resolvePeople(tool.input, parsed.args, call);
      // Proven custom task ids come back as ClickUp's own ids.
      const args = await runGuard(this.guardOf(name), resolved, call);
      const result = await tool.handler(args, call);
      return okEnvelope(result, notes);
    } catch (error) {
      if (!isExplainedError(error)) this.reportFault(name, error);
      return failEnvelope(issuesFromError(error));
    }
  }

  /**
   * Authorizes the call as `call` does and, instead of running it, reads what it would do from ClickUp (for an
   * approver). A refused call answers its issues, so nothing that would be refused waits for approval. A preview that
   * cannot be read still answers, with `unavailable` saying why.
   */
  async preview(
    name: string,
    args: unknown,
    ctx: ToolContext,
  ): Promise<{ ok: true; preview: EffectPreview } | { ok: false; issues: Issue[] }> {
    const refused = this.refuse(name, ctx.selection, ctx.scope);
    if (refused) return { ok: false, issues: refused };
    const tool = this.tools.get(name) as ToolDefinition;
    const parsed = parseArguments(tool, args);
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const call: ToolContext = { ...ctx, scope: ctx.scope.forCall() };
    let proven: Readonly<Record<string, unknown>>;
    try {
      const resolved = await resolvePeople(tool.input, parsed.args, call);
      proven = await runGuard(this.guardOf(name), resolved, call);
    } catch (error) {
      if (!isExplainedError(error)) this.reportFault(name, error);
      return { ok: false, issues: issuesFromError(error) };
    }
    const reader = Object.hasOwn(PREVIEW_READERS, name) ? PREVIEW_READERS[name] : undefined;
    if (!reader) return { ok: true, preview: genericPreview(tool) };
    try {
      return { ok: true, preview: await reader(proven, call) };
    } catch (error) {
      // The reader found the arguments wrong as the handler would (a task waiting on itself, an option a field has
      // not): refused now, since nobody should approve a call that can only fail.
      if (error instanceof ToolError && error.code === 'VALIDATION_ERROR') {
        return { ok: false, issues: issuesFromError(error) };
      }
      if (!isExplainedError(error)) this.reportFault(name, error);
      const [issue] = issuesFromError(error);
      return {
        ok: true,
        preview: { ...genericPreview(tool), unavailable: issue?.message ?? 'ClickUp could not be read.' },
      };
    }
  }

  /**
   * A tool outside the server's selection is refused before its arguments are read, and so is a workspace-level
   * tool on a scope that may not reach workspace-level objects, whatever the selection says.
   */
  private refuse(name: string, selection: ToolSelection, scope: Scope): Issue[] | null {
    const guard = this.guards.get(name);
    if (guard && selection.names.has(name) && (scope.workspaceObjects || !guard.workspaceLevel)) return null;
    return [{ code: 'FORBIDDEN', message: `The tool ${name} is not available on this MCP server.` }];
  }

  private guardOf(name: string): CompiledGuard {
    return this.guards.get(name) as CompiledGuard;
  }
}

/** Result schemas at least this long are listed once per `tools/list`; shorter ones cost less than the reference. */
const SHARED_SHAPE_MIN_BYTES = 150;

/**
 * A `tools/list` that states each result shape once: the first tool answering a shape lists its fields, and each later
 * tool answering the same shape (space_create and space_update answer as space_get does) lists an open object and
 * names that tool in its description. `tool_describe` still gives every tool its own full schema.
 */
function oncePerShape(tools: readonly ListedTool[]): ListedTool[] {
  const firstOfShape = new Map<string, string>();
  return tools.map((tool) => {
    const shape = JSON.stringify(tool.outputSchema);
    if (shape.length < SHARED_SHAPE_MIN_BYTES) return tool;
    const first = firstOfShape.get(shape);
    if (first === undefined) {
      firstOfShape.set(shape, tool.name);
      return tool;
    }
    return {
      ...tool,
      description: `${tool.description} Result as ${first}.`,
      outputSchema: { type: 'object' },
    };
  });
}

type Parsed = { ok: true; args: Readonly<Record<string, unknown>> } | { ok: false; issues: Issue[] };

function parseArguments(tool: ToolDefinition, args: unknown): Parsed {
  // An argument the tool has not (a misspelt `due` for `due_date`) is refused, not silently dropped.
  const accepted = Object.keys(tool.input.shape);
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
    const unknown = Object.keys(args).filter((k) => !accepted.includes(k));
    if (unknown.length > 0)
      return {
        ok: false,
        issues: [{ code: 'VALIDATION_ERROR', message: unknownArguments(unknown, accepted) }],
      };
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success)
    return { ok: false, issues: validationIssues(parsed.error, args, Object.keys(tool.input.shape)) };
  const illFormed = illFormedTextIssues(parsed.data);
  if (illFormed.length > 0) return { ok: false, issues: illFormed };
  return { ok: true, args: parsed.data };
}

/** A tool's `tools/list` entry, in the compact listing format described in docs/catalog.md. */
export function toListing(tool: ToolDefinition): ListedTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input'),
    outputSchema: envelopeJsonSchema(tool.output),
    annotations: listedAnnotations(tool.annotations),
  };
}

/** MCP's defaults for tool annotations: a client reads an absent hint as this value. */
export const ANNOTATION_DEFAULTS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/**
 * The hints that differ from MCP's defaults, the only ones a client needs to be told: a read says
 * `readOnlyHint: true` and nothing else (MCP reads `destructiveHint` and `idempotentHint` only when
 * `readOnlyHint` is false), a create says `destructiveHint: false`, an idempotent write `idempotentHint: true`.
 * Every ClickUp tool reaches an external system, MCP's default `openWorldHint: true`.
 */
export function listedAnnotations(annotations: ToolAnnotations): Partial<ToolAnnotations> {
  const keys = annotations.readOnlyHint
    ? (['readOnlyHint', 'openWorldHint'] as const)
    : (['destructiveHint', 'idempotentHint', 'openWorldHint'] as const);
  const listed: Partial<ToolAnnotations> = {};
  for (const key of keys) if (annotations[key] !== ANNOTATION_DEFAULTS[key]) listed[key] = annotations[key];
  return listed;
}

/** All four hints of a listed tool, MCP's defaults filled in: what a client reads from `listedAnnotations`. */
export function readAnnotations(listed: Partial<ToolAnnotations>): ToolAnnotations {
  const annotations = { ...ANNOTATION_DEFAULTS, ...listed };
  return annotations.readOnlyHint
    ? { ...annotations, destructiveHint: false, idempotentHint: true }
    : annotations;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return compact(rest) as Record<string, unknown>;
}

/**
 * The part of the envelope `{ok, result, issues}` that is the tool's own: `result` with its top-level fields and
 * their types. `ok` and `issues` are the same for every tool and described once, in the server instructions; the
 * schema leaves them (and any field it does not name) open, so it stays true of every envelope the tool returns,
 * including a failure's `result: null`. Nested shapes are left open too: the listing is paid for in every agent's
 * context, and the full result schemas still validate every result in the tests.
 */
function envelopeJsonSchema(result: z.ZodType): Record<string, unknown> {
  const fields = shallow(jsonSchema(result, 'output'));
  return fields ? { type: 'object', properties: { result: { properties: fields } } } : { type: 'object' };
}

/**
 * Field names with their type where it is one plain type; nullable and mixed fields are left open (`{}`) — in
 * a listing read by every agent, `{"type":["string","null"]}` on every optional field costs more than it tells.
 * A time's `<name>_iso` twin of `<name>_ms` is left out: the server instructions say every time comes as both. So
 * are a page's `next_cursor` and `truncated` beside its `items`: the instructions say every list answers with the three.
 */
const PAGE_FIELDS = new Set(['next_cursor', 'truncated']);

function shallow(schema: Record<string, unknown>): Record<string, unknown> | null {
  const properties = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  if (schema['type'] !== 'object' || !properties || Object.keys(properties).length === 0) return null;
  const fields = Object.entries(properties)
    .filter(([name]) => !(name.endsWith('_iso') && `${name.slice(0, -4)}_ms` in properties))
    .filter(([name]) => !(PAGE_FIELDS.has(name) && 'items' in properties))
    .map(([name, field]) => {
      const type = typeOf(field);
      return [name, typeof type === 'string' ? { type } : {}];
    });
  return Object.fromEntries(fields);
}

function typeOf(field: Record<string, unknown>): unknown {
  if (field['type'] !== undefined) return field['type'];
  const variants = (field['anyOf'] ?? field['oneOf']) as Record<string, unknown>[] | undefined;
  if (variants) {
    if (variants.some((v) => typeOf(v) === undefined)) return undefined;
    const types = [...new Set(variants.flatMap((v) => (Array.isArray(v['type']) ? v['type'] : [typeOf(v)])))];
    return types.length === 1 ? types[0] : types;
  }
  if (field['enum']) return 'string';
  if (field['const'] !== undefined) return typeof field['const'];
  // `{}`: any value (e.g. a custom field's value, whose type depends on the field).
  return undefined;
}

const NUMERIC_ID_PATTERN = '^\\d{1,20}$';

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/**
 * Removes what costs context bytes without telling a model anything: zod's ±2^53 bounds on every integer, guard
 * bounds, `additionalProperties: false`, `type: "string"` beside a string `enum` or `const` (which already say it),
 * and writes `anyOf` of plain types as one `type` list (`anyOf [X, null]` around a plain type as `type: [X, "null"]`).
 * Each rewrite accepts exactly the values the original did.
 */
export function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(value as number)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    // Guard bounds (non-empty ids, length and count caps) are enforced by the tool's own validation, which names
    // the field when one is broken; stating them in every listing costs more than it tells a model.
    if ((key === 'minLength' && value === 1) || key === 'maxLength' || key === 'maxItems') continue;
    // Likewise the digits-only check of ClickUp's numeric ids, which an agent copies from another tool's result.
    if (key === 'pattern' && value === NUMERIC_ID_PATTERN) continue;
    // Likewise the non-negative bound of times and the positive one of user ids.
    if ((key === 'minimum' || key === 'exclusiveMinimum') && value === 0) continue;
    // A flag is off unless given: its description says what it turns on.
    if (key === 'default' && value === false) continue;
    out[key] = compact(value);
  }
  // A positive integer (an id, a duration) without an upper bound: the same guard bound as the ones above.
  if (out['type'] === 'integer' && out['minimum'] === 1 && !('maximum' in out)) delete out['minimum'];
  const values = Array.isArray(out['enum']) ? out['enum'] : 'const' in out ? [out['const']] : null;
  if (out['type'] === 'string' && values && values.every((v) => typeof v === 'string')) delete out['type'];
  const anyOf = out['anyOf'];
  // A priority (1..4 or a name) as one enum of its values: the same choice, written once.
  const choices = Array.isArray(anyOf) && anyOf.length > 1 ? anyOf.map(choicesOf) : [];
  if (choices.length > 0 && choices.every((c) => c !== null) && !('type' in out)) {
    const { anyOf: _, ...rest } = out;
    return { ...rest, enum: choices.flat() };
  }
  if (Array.isArray(anyOf) && anyOf.length > 1 && anyOf.every(isPlainType) && !('type' in out)) {
    const { anyOf: _, ...rest } = out;
    const types = [...new Set(anyOf.map((s) => (s as { type: string }).type))];
    return { ...rest, type: types.length === 1 ? types[0] : types };
  }
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((s) => isOnly(s, { type: 'null' }));
    const other = anyOf[1 - nullIndex] as Record<string, unknown> | undefined;
    if (
      nullIndex !== -1 &&
      other &&
      typeof other['type'] === 'string' &&
      !('enum' in other) &&
      !('properties' in other)
    ) {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...other, type: [other['type'], 'null'] };
    }
  }
  return out;
}

/**
 * The values a schema allows when they are few and listed or countable: an enum, a const, or an integer range of at
 * most ten values; else null.
 */
function choicesOf(schema: unknown): unknown[] | null {
  if (schema === null || typeof schema !== 'object') return null;
  const { type, minimum, maximum, enum: listed, const: only, ...rest } = schema as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return null;
  if (Array.isArray(listed) && minimum === undefined && maximum === undefined) return listed;
  if (only !== undefined && type === undefined && minimum === undefined) return [only];
  if (
    type === 'integer' &&
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    maximum - minimum < 10
  ) {
    return Array.from({ length: maximum - minimum + 1 }, (_, i) => minimum + i);
  }
  return null;
}

/** `{"type": X}` and nothing else, X one type name. */
function isPlainType(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 1 && entries[0][0] === 'type' && typeof entries[0][1] === 'string';
}

function isOnly(value: unknown, expected: Record<string, unknown>): boolean {
  if (value === null || typeof value !== 'object') return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === Object.keys(expected).length && entries.every(([k, v]) => expected[k] === v);
}
