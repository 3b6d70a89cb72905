import { z } from 'zod';
import { idSchema, listOf, nullableStringSchema, numberishSchema, userSchema } from './common.schemas';

export const authorizedUserSchema = userSchema.extend({
  week_start_day: numberishSchema,
  global_font_support: z.boolean().optional(),
  timezone: z.string().optional(),
});
export type AuthorizedUser = z.output<typeof authorizedUserSchema>;

/** `GET /v2/user` answers `{user: {...}}`; the client returns the user. */
export const getAuthorizedUserResponse = z.object({ user: authorizedUserSchema }).transform((r) => r.user);

export const workspaceMemberSchema = z.object({
  user: userSchema.extend({ role: numberishSchema.optional() }),
});

export const workspaceSchema = z.object({
  id: idSchema,
  name: z.string(),
  color: nullableStringSchema,
  avatar: nullableStringSchema,
  members: listOf(workspaceMemberSchema),
});
export type Workspace = z.output<typeof workspaceSchema>;

/** `GET /v2/team` ("authorized Workspaces") answers `{teams: [...]}`; the client returns the array. */
export const getAuthorizedTeamsResponse = z
  .object({ teams: z.array(workspaceSchema) })
  .transform((r) => r.teams);

/** A task type of the Workspace (`custom_item_id` on tasks: 0 = Task, 1 = Milestone, custom types beyond). */
export const customItemSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  name: z.string(),
  name_plural: nullableStringSchema,
  description: nullableStringSchema,
});
export type CustomItem = z.output<typeof customItemSchema>;

/** `GET /v2/team/{team_id}/custom_item` answers `{custom_items: [...]}`; the client returns the array. */
export const getCustomItemsResponse = z
  .object({ custom_items: listOf(customItemSchema) })
  .transform((r) => r.custom_items);
