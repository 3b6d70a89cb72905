import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';

const spaceId = idField('space_id from workspace_hierarchy or workspace_find');
const tagName = nameField(100).describe('From tag_list.');
const colour = z
  .string()
  .refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), 'expected a hex colour like #7b68ee')
  .optional();

export const tagSchema = z.object({ name: z.string(), fg: z.string().nullable(), bg: z.string().nullable() });

export const tagListInput = z.object({ space_id: spaceId });

export const tagListOutput = z.object({
  items: z.array(tagSchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const tagCreateInput = z.object({
  space_id: spaceId,
  name: nameField(100),
  fg: colour.describe('Text hex; default #ffffff.'),
  bg: colour.describe('Hex; default #7b68ee.'),
});

export const tagUpdateInput = z
  .object({
    space_id: spaceId,
    name: tagName,
    new_name: nameField(100).optional(),
    fg: colour.describe('Text hex.'),
    bg: colour.describe('Hex.'),
  })
  .refine(
    (a) => a.new_name !== undefined || a.fg !== undefined || a.bg !== undefined,
    rule('Nothing to change: give new_name, fg or bg.', 'new_name'),
  );

export const tagDeleteInput = z.object({ space_id: spaceId, name: tagName });
export const tagDeleteOutput = z.object({ name: z.string(), deleted: z.literal(true) });
