import type { ToolDefinition } from '../core/tool';
import type { EffectPreview, PreviewReader } from './effect-preview';

/** Tools whose effect is read from ClickUp for the approver, by name. A tool not listed gets `genericPreview`. */
export const PREVIEW_READERS: Readonly<Record<string, PreviewReader>> = {};

/** The preview of a tool without a reader of its own: what kind of change it is, and its title. */
export function genericPreview(tool: ToolDefinition): EffectPreview {
  const kind =
    tool.method === 'delete'
      ? 'delete'
      : tool.method === 'create'
        ? 'create'
        : tool.method === 'update'
          ? 'update'
          : 'other';
  return { kind, summary: `${tool.title} (${tool.name})` };
}
