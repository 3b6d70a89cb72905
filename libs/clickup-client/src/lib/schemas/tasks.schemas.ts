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
import { checklistSchema } from './checklists.schemas';
import { taskCustomFieldSchema } from './custom-fields.schemas';
import { prioritySchema } from './priority.schemas';
import { tagSchema } from './tags.schemas';

const locationRefSchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  hidden: z.boolean().optional(),
  access: z.boolean().optional(),
});

const nullableRef = locationRefSchema.nullish().transform((v) => v ?? null);

export const taskDependencySchema = z.object({
  task_id: idSchema,
  depends_on: idSchema,
  type: numberishSchema,
  date_created: timestampSchema,
  userid: idSchema.optional(),
});

export const linkedTaskSchema = z.object({
  task_id: idSchema,
  link_id: idSchema,
  date_created: timestampSchema,
  userid: idSchema.optional(),
});

export const taskAttachmentSchema = z.object({
  id: idSchema,
  title: z.string().optional(),
  extension: z.string().optional(),
  url: z.string().optional(),
  date: timestampSchema,
  size: numberishSchema.optional(),
});

const taskBaseSchema = z.object({
  id: idSchema,
  custom_id: nullableStringSchema,
  custom_item_id: numberishSchema,
  name: z.string(),
  text_content: nullableStringSchema,
  description: nullableStringSchema,
  markdown_description: z.string().nullish(),
  status: statusSchema.nullish().transform((v) => v ?? null),
  orderindex: idSchema.nullish().transform((v) => v ?? null),
  date_created: timestampSchema,
  date_updated: timestampSchema,
  date_closed: timestampSchema,
  date_done: timestampSchema,
  archived: nullableBooleanSchema,
  creator: userSchema.nullish().transform((v) => v ?? null),
  assignees: listOf(userSchema),
  group_assignees: listOf(z.object({ id: idSchema, name: z.string().optional() })),
  watchers: listOf(userSchema),
  checklists: listOf(checklistSchema),
  tags: listOf(tagSchema),
  parent: nullableStringSchema,
  top_level_parent: nullableStringSchema,
  priority: prioritySchema,
  due_date: timestampSchema,
  due_date_time: nullableBooleanSchema,
  start_date: timestampSchema,
  start_date_time: nullableBooleanSchema,
  points: numberishSchema,
  time_estimate: numberishSchema,
  // Present only on tasks with tracked time.
  time_spent: numberishSchema,
  custom_fields: listOf(taskCustomFieldSchema),
  dependencies: listOf(taskDependencySchema),
  linked_tasks: listOf(linkedTaskSchema),
  locations: listOf(locationRefSchema),
  team_id: idSchema.nullish().transform((v) => v ?? null),
  url: nullableStringSchema,
  permission_level: z.string().optional(),
  list: nullableRef,
  project: nullableRef,
  folder: nullableRef,
  space: nullableRef,
  attachments: listOf(taskAttachmentSchema),
});

/** Subtasks (with `include_subtasks`) are tasks too, read without their own subtasks. */
export const taskSchema = taskBaseSchema.extend({ subtasks: listOf(taskBaseSchema).optional() });
export type Task = z.output<typeof taskSchema>;

/** One page of tasks. `last_page` is missing on some answers; the pager then stops on a short page. */
export const taskPageSchema = z
  .object({ tasks: z.array(taskSchema), last_page: z.boolean().optional() })
  .transform((r) => ({ tasks: r.tasks, last_page: r.last_page ?? null }));
export type TaskPage = z.output<typeof taskPageSchema>;
