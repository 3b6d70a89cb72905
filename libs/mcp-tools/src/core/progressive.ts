import { z } from 'zod';
export { CATALOG_MODES, type CatalogMode } from '@gw/tool-filters';
import { failEnvelope, okEnvelope, validationIssues, type Envelope } from './envelope';
import type { ListedTool, ToolSelection } from './catalog';
import type { ToolDefinition } from './tool';

/**
 * The meta tools of a progressive server. They are not ClickUp tools and belong to no tool group: they read the
 * server's own selection (search, describe) or name one of its tools (`tool_call`, unwrapped at the MCP entry, so
 * the call runs and is audited as a direct call of the named tool).
 */
export const TOOL_SEARCH = 'tool_search';
export const TOOL_DESCRIBE = 'tool_describe';
export const TOOL_CALL = 'tool_call';
export const META_TOOLS: readonly string[] = [TOOL_SEARCH, TOOL_DESCRIBE, TOOL_CALL];

export const isMetaTool = (name: string): boolean => META_TOOLS.includes(name);

/** At most this many tools per `tool_describe`: their full listings are what the agent pays for. */
const DESCRIBE_MAX = 20;

const searchInput = z.object({
  query: z.string().max(200).optional(),
  tag: z.string().max(40).optional(),
});
const describeInput = z.object({
  names: z.array(z.string().max(100)).min(1).max(DESCRIBE_MAX),
});
const callInput = z.object({
  name: z.string().min(1).max(100),
  arguments: z.record(z.string(), z.unknown()).optional(),
});

/** The `tools/list` of a progressive server, in the listing format of every tool. */
export const META_LISTING: readonly ListedTool[] = [
  {
    name: TOOL_SEARCH,
    title: 'Find tools',
    description:
      'Searches this server’s ClickUp tools by words or tag; returns name, title, summary, method and tags. ' +
      'Read a tool’s schemas with tool_describe, then run it with tool_call.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Words, e.g. "move task"; none: all' },
        tag: { type: 'string', description: 'A group, e.g. tasks' },
      },
    },
    outputSchema: {
      type: 'object',
      properties: { result: { properties: { tools: { type: 'array' } } } },
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: TOOL_DESCRIBE,
    title: 'Describe tools',
    description:
      'The full definitions of tools found with tool_search: description, inputSchema, outputSchema.',
    inputSchema: {
      type: 'object',
      properties: {
        names: { type: 'array', items: { type: 'string' }, description: 'Tool names, at most 20' },
      },
      required: ['names'],
    },
    outputSchema: {
      type: 'object',
      properties: { result: { properties: { tools: { type: 'array' }, unknown: { type: 'array' } } } },
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: TOOL_CALL,
    title: 'Call a tool',
    description:
      'Runs one of this server’s tools by name with its arguments, exactly as calling it directly would, and ' +
      'answers that tool’s result.',
    inputSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'A name from tool_search' },
        arguments: { type: 'object', description: 'As its inputSchema says' },
      },
      required: ['name'],
    },
    // The named tool's own result: its outputSchema is in tool_describe.
    outputSchema: { type: 'object' },
    annotations: {},
  },
];

/**
 * The tool a `tool_call` names, with its arguments, when they are well formed and name no meta tool: the MCP entry
 * then runs that call instead. Null otherwise, and `metaToolCall` answers the `tool_call` with what is wrong.
 */
export function unwrapToolCall(args: unknown): { name: string; arguments: Record<string, unknown> } | null {
  const parsed = callInput.safeParse(args ?? {});
  if (!parsed.success || isMetaTool(parsed.data.name)) return null;
  return { name: parsed.data.name, arguments: parsed.data.arguments ?? {} };
}

/** The first sentence of a description: what `tool_search` shows of each tool. */
function summaryOf(description: string): string {
  const end = description.search(/[.!?](\s|$)/);
  return end === -1 ? description : description.slice(0, end + 1);
}

/**
 * Answers a meta tool of a progressive server from its selection; reads nothing from ClickUp. A `tool_call` that
 * reaches here was not unwrapped: its arguments are wrong, and the answer says how.
 */
export function metaToolCall(
  name: string,
  args: unknown,
  selection: ToolSelection,
  tools: ReadonlyMap<string, ToolDefinition>,
): Envelope {
  if (name === TOOL_SEARCH) {
    const parsed = searchInput.safeParse(args ?? {});
    if (!parsed.success) return failEnvelope(validationIssues(parsed.error));
    const words = (parsed.data.query ?? '')
      .toLowerCase()
      .split(/[\s_]+/)
      .filter(Boolean);
    const tag = parsed.data.tag?.toLowerCase();
    const found = selection.tools.flatMap((listed) => {
      const definition = tools.get(listed.name);
      const tags = [...(definition?.tags ?? [])];
      if (tag && !tags.includes(tag as (typeof tags)[number])) return [];
      const text = `${listed.name.replace(/_/g, ' ')} ${listed.title} ${listed.description} ${tags.join(' ')}`;
      const haystack = text.toLowerCase();
      if (!words.every((word) => haystack.includes(word))) return [];
      const held = definition !== undefined && listed.description !== definition.description;
      return [
        {
          name: listed.name,
          title: listed.title,
          summary: summaryOf(listed.description),
          method: definition?.method ?? 'custom',
          tags,
          ...(held ? { needs_approval: true } : {}),
        },
      ];
    });
    return okEnvelope({ tools: found });
  }
  if (name === TOOL_DESCRIBE) {
    const parsed = describeInput.safeParse(args ?? {});
    if (!parsed.success) return failEnvelope(validationIssues(parsed.error));
    const byName = new Map(selection.tools.map((t) => [t.name, t]));
    const names = [...new Set(parsed.data.names)];
    return okEnvelope({
      tools: names.flatMap((n) => byName.get(n) ?? []),
      unknown: names.filter((n) => !byName.has(n)),
    });
  }
  const parsed = callInput.safeParse(args ?? {});
  if (!parsed.success) return failEnvelope(validationIssues(parsed.error));
  return failEnvelope([
    {
      code: 'VALIDATION_ERROR',
      path: 'name',
      message: `name: tool_call runs a ClickUp tool of this server (from tool_search), not ${parsed.data.name}.`,
    },
  ]);
}
