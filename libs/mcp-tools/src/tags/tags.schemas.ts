import { z } from 'zod';
import { idField } from '../core/input-fields';

export const tagListInput = z.object({
  space_id: idField('From workspace_hierarchy'),
});

export const tagListOutput = z.object({
  items: z.array(z.object({ name: z.string(), fg: z.string().nullable(), bg: z.string().nullable() })),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
