import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  envelopeSchema,
  failEnvelope,
  issuesFromError,
  okEnvelope,
  validationIssues,
  type Envelope,
} from './envelope';
import { TOOL_METHODS, type ToolDefinition, type ToolGroup, type ToolMethod, type ToolTag } from './tool';
import type { ToolContext } from './tool-context';

/** An entry of `tools/list`, as MCP clients receive it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: ToolDefinition['annotations'] & { title: string };
  _meta: { method: ToolMethod; tags: readonly ToolTag[] };
}

export interface ToolFilter {
  /** `read`, `write`, `custom` or single verbs; empty means all. */
  methods?: readonly string[];
  /** Tool groups; empty means all. A tool passes when any of its tags is listed. Methods and tags combine with AND. */
  tags?: readonly string[];
}

/** The tools one MCP server exposes, computed once per filter. */
export interface ToolSelection {
  readonly names: ReadonlySet<string>;
  readonly listing: readonly ListedTool[];
  /** SHA-256 of the listing, recorded in the audit log for every `tools/list`. */
  readonly hash: string;
  /** Bytes of the `tools/list` result as JSON, what the listing costs in an agent's context. */
  readonly bytes: number;
}

const METHOD_ALIASES: Record<string, readonly ToolMethod[]> = {
  read: ['get', 'list'],
  write: ['create', 'update', 'delete'],
};

export function expandMethods(methods: readonly string[] = []): Set<ToolMethod> {
  if (methods.length === 0) return new Set(TOOL_METHODS);
  return new Set(
    methods.flatMap(
      (m) => METHOD_ALIASES[m] ?? (TOOL_METHODS.includes(m as ToolMethod) ? [m as ToolMethod] : []),
    ),
  );
}

/**
 * Every tool of the product. JSON Schemas are generated once at start; a server's selection is computed once per
 * distinct filter and reused, so neither `tools/list` nor `tools/call` builds anything per request.
 */
export class ToolCatalog {
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  private readonly listings = new Map<string, ListedTool>();
  private readonly selections = new Map<string, ToolSelection>();

  constructor(groups: readonly ToolGroup[]) {
    const tools = new Map<string, ToolDefinition>();
    for (const tool of groups.flatMap((g) => g.tools)) {
      if (tools.has(tool.name)) throw new Error(`duplicate tool name ${tool.name}`);
      if (!/^[a-z_]+$/.test(tool.name)) throw new Error(`tool name ${tool.name} must be [a-z_]`);
      tools.set(tool.name, tool);
      this.listings.set(tool.name, toListing(tool));
    }
    this.tools = tools;
  }

  select(filter: ToolFilter = {}): ToolSelection {
    const methods = expandMethods(filter.methods);
    const tags = new Set(filter.tags ?? []);
    const key = JSON.stringify([[...methods].sort(), [...tags].sort()]);
    const cached = this.selections.get(key);
    if (cached) return cached;
    const listing = [...this.tools.values()]
      .filter((t) => methods.has(t.method) && (tags.size === 0 || t.tags.some((tag) => tags.has(tag))))
      .map((t) => this.listings.get(t.name) as ListedTool);
    const json = JSON.stringify({ tools: listing });
    const selection: ToolSelection = {
      names: new Set(listing.map((t) => t.name)),
      listing,
      hash: createHash('sha256').update(json).digest('hex'),
      bytes: Buffer.byteLength(json),
    };
    this.selections.set(key, selection);
    return selection;
  }

  /** Validates the arguments, runs the tool and wraps the outcome in the envelope. Never throws. */
  async call(name: string, args: unknown, ctx: ToolContext): Promise<Envelope> {
    const tool = this.tools.get(name);
    if (!tool) return failEnvelope([{ code: 'NOT_FOUND', message: `No tool named ${name}.` }]);
    const parsed = tool.input.safeParse(args ?? {});
    if (!parsed.success) return failEnvelope(validationIssues(parsed.error));
    try {
      return okEnvelope(await tool.handler(parsed.data, ctx));
    } catch (error) {
      return failEnvelope(issuesFromError(error));
    }
  }
}

function toListing(tool: ToolDefinition): ListedTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input'),
    outputSchema: jsonSchema(envelopeSchema(tool.output), 'output'),
    annotations: { title: tool.title, ...tool.annotations },
    _meta: { method: tool.method, tags: tool.tags },
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}
