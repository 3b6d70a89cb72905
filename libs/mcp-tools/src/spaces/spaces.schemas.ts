import { z } from 'zod';
import { changesSomething, rule } from '../core/input-fields';
import { spaceIdInput } from '../workspaces/hierarchy.schemas';

export const SPACE_FEATURES = [
  'due_dates',
  'time_tracking',
  'tags',
  'time_estimates',
  'checklists',
  'custom_fields',
  'remap_dependencies',
  'dependency_warning',
  'portfolios',
] as const;

export const spaceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string().nullable(),
  private: z.boolean(),
  archived: z.boolean(),
});

export const spaceDetailSchema = spaceSummarySchema.extend({
  multiple_assignees: z.boolean(),
  /** The task statuses of the space's lists (unless a list overrides them), in workflow order. */
  statuses: z.array(z.object({ status: z.string(), type: z.string().nullable() })),
  /** ClickApps switched on or off, e.g. {"time_tracking": true}. */
  features: z.record(z.string(), z.boolean()),
});

const spaceName = z.string().trim().min(1).max(200).describe('Space name');
const features = z
  .partialRecord(z.enum(SPACE_FEATURES), z.boolean())
  .describe('e.g. {"time_tracking": false}');

export const spaceListInput = z.object({
  archived: z.boolean().default(false).describe('List archived spaces instead of active ones'),
});
export const spaceGetInput = z.object({ space_id: spaceIdInput() });
export const spaceCreateInput = z.object({
  name: spaceName,
  multiple_assignees: z.boolean().default(true).describe('Several assignees per task'),
  features: features.optional().describe('Default all on, e.g. {"tags": false}'),
});
export const spaceUpdateInput = z
  .object({
    space_id: spaceIdInput(),
    name: spaceName.optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour like #7B68EE')
      .optional()
      .describe('Hex, e.g. #7B68EE'),
    private: z.boolean().optional().describe('Invited members only'),
    multiple_assignees: z.boolean().optional().describe('Several assignees per task'),
    features: features.optional(),
  })
  .refine(changesSomething('space_id'), rule('Give at least one field to change.', 'name'));
export const spaceDeleteInput = z.object({ space_id: spaceIdInput() });

export const spaceListOutput = z.object({
  items: z.array(spaceSummarySchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
