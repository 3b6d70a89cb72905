import { z } from 'zod';

/** Times written by an agent: epoch ms or an ISO-8601 string, read as epoch ms. */
export const instantInput = z.union([z.number().int(), z.string().min(1)]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch ms or an ISO-8601 date' });
    return z.NEVER;
  }
  // Epoch seconds would land in 1970; say so instead of logging time there.
  if (ms < 100_000_000_000) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds (this looks like seconds)' });
    return z.NEVER;
  }
  return ms;
});

const taskId = z.string().min(1).describe('task_id: from task_search or task_list_in_list.');
const entryId = z.string().min(1).describe('time_entry_id: from time_entry_list or time_entry_current.');
const tags = z.array(z.string().min(1).max(100)).max(20).describe('Time entry tag names.');

const ms = z.number().nullable();
const iso = z.string().nullable();

const entryBase = {
  id: z.string(),
  task_id: z.string().nullable(),
  task_name: z.string().nullable(),
  user_id: z.number().nullable(),
  description: z.string().nullable(),
  billable: z.boolean().nullable(),
  tags: z.array(z.string()),
};

export const runningEntrySchema = z.object({
  ...entryBase,
  running: z.literal(true),
  started_at_ms: ms,
  started_at_iso: iso,
  elapsed_ms: z.number(),
  /** A timer on a task outside this server's spaces: only the fact that it runs is shown. */
  out_of_scope: z.boolean().optional(),
});

export const stoppedEntrySchema = z.object({
  ...entryBase,
  running: z.literal(false),
  start_ms: ms,
  start_iso: iso,
  end_ms: ms,
  end_iso: iso,
  duration_ms: z.number(),
});

export const timeEntrySchema = z.discriminatedUnion('running', [runningEntrySchema, stoppedEntrySchema]);

const location = {
  list_id: z.string().nullable(),
  list_name: z.string().nullable(),
  space_id: z.string().nullable(),
  task_url: z.string().nullable(),
};

export const timeEntryDetailSchema = z.discriminatedUnion('running', [
  runningEntrySchema.extend(location),
  stoppedEntrySchema.extend(location),
]);

export const timeEntryListInput = z.object({
  task_id: taskId.optional(),
  start: instantInput.optional().describe('Window start (epoch ms or ISO). Default: 30 days before end.'),
  end: instantInput.optional().describe('Window end (epoch ms or ISO). Default: now.'),
  assignee: z
    .array(z.number().int().positive())
    .min(1)
    .max(50)
    .optional()
    .describe('User ids (member_list) whose entries to list; default: your own. Others need owner/admin.'),
  billable: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().optional().describe('next_cursor of the previous call, with the same filters.'),
});

export const timeEntryListOutput = z.object({
  items: z.array(timeEntrySchema),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
  total_count: z.number().int(),
  total_duration_ms: z.number(),
  window_start_ms: z.number(),
  window_start_iso: z.string(),
  window_end_ms: z.number(),
  window_end_iso: z.string(),
});

export const timeEntryGetInput = z.object({ time_entry_id: entryId });

export const timeEntryCreateInput = z.object({
  task_id: taskId.optional(),
  start: instantInput.describe('When the work started (epoch ms or ISO).'),
  duration_ms: z
    .number()
    .int()
    .positive()
    .max(31 * 86_400_000)
    .optional()
    .describe('Give this or end.'),
  end: instantInput.optional().describe('When the work ended; give this or duration_ms.'),
  billable: z.boolean().optional(),
  description: z.string().max(5000).optional(),
  tags: tags.optional(),
  assignee: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Log for this user id (owner/admin only); default: you.'),
});

export const timeEntryUpdateInput = z.object({
  time_entry_id: entryId,
  start: instantInput
    .optional()
    .describe('New start; the duration is kept unless end or duration_ms is given.'),
  end: instantInput.optional(),
  duration_ms: z
    .number()
    .int()
    .positive()
    .max(31 * 86_400_000)
    .optional(),
  task_id: taskId.optional().describe('Move the entry to this task.'),
  billable: z.boolean().optional(),
  description: z.string().max(5000).optional(),
  tags: tags.optional().describe('Replaces the entry tags.'),
});

export const timeEntryDeleteInput = z.object({ time_entry_id: entryId });
export const deletedOutput = z.object({ id: z.string(), deleted: z.literal(true) });

export const timeEntryCurrentInput = z.object({});
export const timeEntryCurrentOutput = z.discriminatedUnion('running', [
  runningEntrySchema,
  z.object({ running: z.literal(false) }),
]);

export const timerStartInput = z.object({
  task_id: taskId.optional(),
  description: z.string().max(5000).optional(),
  billable: z.boolean().optional(),
  tags: tags.optional(),
});

export const timerStopInput = z.object({});
