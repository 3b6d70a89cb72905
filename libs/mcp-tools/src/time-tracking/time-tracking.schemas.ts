import { z } from 'zod';
import { idField, nameField, rule, textField, TIME_HINT, timeField } from '../core/input-fields';
import { userRef, userRefs } from '../core/people';

const taskId = idField('From task_search');
const entryId = idField('From time_entry_list');
const tags = z.array(nameField(100)).max(20).describe('Tag names.');
const duration = z
  .number()
  .int()
  .min(1)
  .refine((v) => v <= 31 * 86_400_000, 'at most 31 days');

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
  start: timeField.optional().describe(`${TIME_HINT}; default end - 30 days`),
  end: timeField.optional().describe(`${TIME_HINT}; default now`),
  assignee: userRefs().min(1).optional().describe('User ids, "me", emails or names; default me'),
  billable: z.boolean().optional().describe('Only billable or not'),
  limit: z.number().int().min(1).max(100).default(50).describe('Page size'),
  cursor: z.string().optional().describe('next_cursor'),
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

export const timeEntryCreateInput = z
  .object({
    task_id: taskId.optional(),
    start: timeField,
    duration_ms: duration.optional().describe('Or end.'),
    end: timeField.optional(),
    billable: z.boolean().optional().describe('Billable time'),
    description: textField(5000).optional().describe('What was done'),
    tags: tags.optional(),
    assignee: userRef.optional().describe('Others: owner/admin only; default me'),
  })
  .refine(
    (a) => (a.duration_ms === undefined) !== (a.end === undefined),
    rule('Give duration_ms or end (one of them).', 'duration_ms'),
  )
  .refine((a) => a.end === undefined || a.end > a.start, rule('end must be after start.', 'end'));

export const timeEntryUpdateInput = z
  .object({
    time_entry_id: entryId,
    start: timeField.optional().describe(`${TIME_HINT}; keeps the duration`),
    end: timeField.optional(),
    duration_ms: duration.optional().describe('New duration'),
    task_id: taskId.optional(),
    billable: z.boolean().optional().describe('Billable time'),
    description: textField(5000).optional().describe('What was done'),
    tags: tags.optional().describe('Tag names (see tag_action)'),
    tag_action: z.enum(['replace', 'add', 'remove']).optional().describe('Default replace'),
  })
  .refine(
    (a) => a.end === undefined || a.duration_ms === undefined,
    rule('Give end or duration_ms, not both.', 'end'),
  )
  .refine(
    (a) => a.tag_action === undefined || a.tags !== undefined,
    rule('tag_action applies to tags: give the tags to add, remove or set.', 'tags'),
  );

export const timeEntryDeleteInput = z.object({ time_entry_id: entryId });
export const deletedOutput = z.object({ id: z.string(), deleted: z.literal(true) });

export const timeEntryCurrentInput = z.object({});
export const timeEntryCurrentOutput = z.discriminatedUnion('running', [
  runningEntrySchema,
  z.object({ running: z.literal(false) }),
]);

export const timerStartInput = z.object({
  task_id: taskId.optional(),
  description: textField(5000).optional().describe('What was done'),
  billable: z.boolean().optional().describe('Billable time'),
  tags: tags.optional(),
});

export const timerStopInput = z.object({});
