import type { ToolDefinition } from '../core/tool';
import { chatPreviews } from '../chat/chat.previews';
import { checklistsPreviews } from '../checklists/checklists.previews';
import { commentsPreviews } from '../comments/comments.previews';
import { docsPreviews } from '../docs/docs.previews';
import { foldersPreviews } from '../folders/folders.previews';
import { goalsPreviews } from '../goals/goals.previews';
import { listsPreviews } from '../lists/lists.previews';
import { spacesPreviews } from '../spaces/spaces.previews';
import { tagsPreviews } from '../tags/tags.previews';
import { tasksPreviews } from '../tasks/tasks.previews';
import { timeTrackingPreviews } from '../time-tracking/time-tracking.previews';
import { attachmentsPreviews } from '../attachments/attachments.previews';
import { templatesPreviews } from '../templates/templates.previews';
import type { EffectPreview, PreviewReader } from './effect-preview';

/**
 * Tools whose effect is read from ClickUp for the approver, by name; each group declares its readers beside its
 * tools (`<group>.previews.ts`). A tool not listed gets `genericPreview`.
 */
export const PREVIEW_READERS: Readonly<Record<string, PreviewReader>> = {
  ...spacesPreviews,
  ...foldersPreviews,
  ...listsPreviews,
  ...tasksPreviews,
  ...commentsPreviews,
  ...checklistsPreviews,
  ...goalsPreviews,
  ...timeTrackingPreviews,
  ...docsPreviews,
  ...chatPreviews,
  ...attachmentsPreviews,
  ...templatesPreviews,
  ...tagsPreviews,
};

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
