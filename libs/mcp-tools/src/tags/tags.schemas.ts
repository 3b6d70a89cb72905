import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';

const spaceId = idField('From workspace_hierarchy');
const writeSpaceId = spaceId;
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
  space_id: writeSpaceId,
  name: nameField(100).describe('Kept in lower case.'),
  color: colour.describe('Hex; default #7b68ee.'),
});

export const tagUpdateInput = z
  .object({
    space_id: writeSpaceId,
    name: tagName,
    new_name: nameField(100).optional().describe('Renames it.'),
    color: colour.describe('Hex, e.g. #e50000.'),
  })
  .refine(
    (a) => a.new_name !== undefined || a.color !== undefined,
    rule('Nothing to change: give new_name or color.', 'new_name'),
  );

export const tagDeleteInput = z.object({ space_id: writeSpaceId, name: tagName });
export const tagDeleteOutput = z.object({ name: z.string(), deleted: z.literal(true) });
