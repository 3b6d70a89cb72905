import { z } from 'zod';
import { idField, rule } from '../core/input-fields';

export const memberSchema = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  initials: z.string().nullable(),
  role: z.enum(['owner', 'admin', 'member', 'guest']).nullable(),
});

export const memberListInput = z
  .object({
    list_id: idField('Only those with access to this list').optional(),
    task_id: idField('Only people with access to this task').optional(),
  })
  .refine((a) => !(a.list_id && a.task_id), rule('Give list_id or task_id, not both.', 'list_id'));

export const memberListOutput = z.object({
  items: z.array(memberSchema),
  next_cursor: z.null(),
  truncated: z.boolean(),
});

export const userMeInput = z.object({});
export const userMeOutput = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  timezone: z.string().nullable(),
});
