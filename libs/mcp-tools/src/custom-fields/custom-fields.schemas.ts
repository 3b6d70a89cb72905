import { z } from 'zod';
import { idField } from '../core/input-fields';

export const customFieldListInput = z.object({
  list_id: idField('From workspace_hierarchy'),
});

export const customFieldItem = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});

export const customFieldListOutput = z.object({
  items: z.array(customFieldItem),
  next_cursor: z.null(),
  truncated: z.boolean(),
});
