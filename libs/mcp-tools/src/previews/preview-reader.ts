import type { z } from 'zod';
import type { ToolContext } from '../core/tool-context';
import type { EffectPreview, PreviewReader } from './effect-preview';

/**
 * A tool's preview reader, declared in its group's folder beside its tools: keeps the reader's arguments typed by the
 * tool's input while the registry holds every reader as one type (as `guardTool` does for guards).
 */
export function previewOf<I extends z.ZodType>(
  _input: I,
  read: (args: z.output<I>, ctx: ToolContext) => Promise<EffectPreview>,
): PreviewReader {
  return read as unknown as PreviewReader;
}

type Change = NonNullable<EffectPreview['changes']>[number];

/**
 * The `changes` of an update: one entry per argument the call gives, with the value ClickUp has now and the one the
 * call proposes, both as a person reads them. An argument the call leaves out is no change and is not listed.
 */
export class Changes {
  readonly list: Change[] = [];

  /** Adds `field` when the call gives it (`to` is not undefined), with its current value `from`. */
  add(field: string, to: unknown, from: unknown): this {
    if (to !== undefined) this.list.push({ field, from: from ?? null, to });
    return this;
  }

  /** The names of the fields whose value would change, for the summary. */
  fields(): string[] {
    return this.list.filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to)).map((c) => c.field);
  }

  /** `: name, status` for a summary line, or ` (changes nothing)` when every value is already as proposed. */
  phrase(): string {
    const changed = this.fields();
    return changed.length > 0 ? `: ${changed.join(', ')}` : ' (changes nothing: every value is already so)';
  }
}

/** `show(value)` for an argument the call gives; undefined (no change) for one it leaves out. */
export function given<T, R>(value: T | undefined, show: (value: T) => R): R | undefined {
  return value === undefined ? undefined : show(value);
}
