import type { ToolMethod, ToolTag } from '@gw/tool-filters';
import type { z } from 'zod';
import type { ToolContext } from './tool-context';
import type { ToolGuard } from './tool-guard';

export { TOOL_METHODS, TOOL_TAGS, type ToolMethod, type ToolTag } from '@gw/tool-filters';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  /** Every ClickUp tool reaches an external system. */
  openWorldHint: boolean;
}

/**
 * One MCP tool: what the agent sees (name, title, description, schemas, annotations) and the handler that turns
 * validated arguments into ClickUp calls and a compact result. Handlers throw `ToolError` or `ClickUpError`;
 * the catalog turns both into the envelope.
 */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  method: ToolMethod;
  tags: readonly ToolTag[];
  input: I;
  /** The schema of `result` in the envelope. */
  output: O;
  annotations: ToolAnnotations;
  /** Runs after the group's guard has proven every id argument (see `ToolGuard`). */
  handler(args: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
}

/** Keeps each tool's argument and result types checked while the catalog holds them all as one type. */
export function defineTool<I extends z.ZodObject, O extends z.ZodType>(
  tool: ToolDefinition<I, O>,
): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/** Annotations for the common shapes, so each tool states the exceptions only. */
export const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
export const CREATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
export const UPDATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
export const DELETE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

/** Implemented by each tool group's provider; the catalog collects them. */
export interface ToolGroup {
  readonly tools: readonly ToolDefinition[];
  /** The group's guard, declared beside its tools; the catalog refuses a tool it does not cover. */
  readonly guard: ToolGuard;
}
