import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';

const templateId = idField('From template_list');
const hierarchyId = idField('From workspace_hierarchy');

export const templateListInput = z.object({
  kind: z.enum(['task', 'list']).default('task').describe('Default task'),
  cursor: z.string().optional().describe('next_cursor'),
});

export const taskCreateFromTemplateInput = z.object({
  list_id: hierarchyId,
  template_id: templateId,
  name: nameField(2000).describe('Task name'),
});

export const listCreateFromTemplateInput = z
  .object({
    folder_id: hierarchyId.optional(),
    space_id: hierarchyId.optional(),
    template_id: templateId,
    name: nameField(200).describe('List name'),
  })
  .refine(
    (a) => (a.folder_id === undefined) !== (a.space_id === undefined),
    rule('Give folder_id, or space_id for a list directly in a space (one of the two).', 'folder_id'),
  );

export const templateListOutput = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const createdFromTemplateOutput = z.object({ id: z.string(), url: z.string() });
