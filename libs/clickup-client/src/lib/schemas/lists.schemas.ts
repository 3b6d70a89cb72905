import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableBooleanSchema,
  nullableStringSchema,
  numberishSchema,
  statusSchema,
  timestampSchema,
  userSchema,
} from './common.schemas';
import { prioritySchema } from './priority.schemas';

/** A List's `status` is its colour label (`{status: "red", color, hide_label}`), not a task status. */
const listColorSchema = z
  .union([
    z.object({
      status: z.string().nullish(),
      color: nullableStringSchema,
      hide_label: z.boolean().optional(),
    }),
    z.string(),
    z.null(),
  ])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return { status: v, color: null, hide_label: false };
    return { status: v.status ?? null, color: v.color, hide_label: v.hide_label ?? false };
  });

export const listLocationSchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  hidden: z.boolean().optional(),
  access: z.boolean().optional(),
});

export const listSchema = z.object({
  id: idSchema,
  name: z.string(),
  orderindex: numberishSchema,
  content: nullableStringSchema,
  status: listColorSchema,
  priority: prioritySchema,
  // The spec types the owner as a string; its examples send a user object or null.
  assignee: z
    .union([userSchema, z.string(), z.null()])
    .nullish()
    .transform((v) => (v !== null && typeof v === 'object' ? v : null)),
  task_count: numberishSchema,
  due_date: timestampSchema,
  due_date_time: nullableBooleanSchema,
  start_date: timestampSchema,
  start_date_time: nullableBooleanSchema,
  // A folderless List carries a placeholder folder with `hidden: true` (API-NOTES §3).
  folder: listLocationSchema.nullish().transform((v) => v ?? null),
  space: listLocationSchema.nullish().transform((v) => v ?? null),
  inbound_address: z.string().optional(),
  archived: nullableBooleanSchema,
  override_statuses: nullableBooleanSchema,
  statuses: listOf(statusSchema),
  permission_level: z.string().optional(),
});
export type List = z.output<typeof listSchema>;

export const getListsResponse = z.object({ lists: z.array(listSchema) }).transform((r) => r.lists);
