import { z } from 'zod';
import {
  idSchema,
  listOf,
  nullableBooleanSchema,
  nullableStringSchema,
  statusSchema,
  userSchema,
} from './common.schemas';

const spaceFeatureSchema = z.object({
  enabled: z.boolean(),
  start_date: z.boolean().optional(),
  remap_due_dates: z.boolean().optional(),
  remap_closed_due_date: z.boolean().optional(),
});

export const spaceSchema = z.object({
  id: idSchema,
  name: z.string(),
  color: nullableStringSchema,
  private: nullableBooleanSchema,
  avatar: nullableStringSchema,
  admin_can_manage: nullableBooleanSchema,
  archived: nullableBooleanSchema,
  multiple_assignees: nullableBooleanSchema,
  members: listOf(z.object({ user: userSchema })),
  statuses: listOf(statusSchema),
  // Each Space reports the features its plan knows (`sprints`, `zoom`, ...), so the keys stay open.
  features: z
    .record(z.string(), spaceFeatureSchema)
    .nullish()
    .transform((v) => v ?? {}),
});
export type Space = z.output<typeof spaceSchema>;

export const getSpacesResponse = z.object({ spaces: z.array(spaceSchema) }).transform((r) => r.spaces);
