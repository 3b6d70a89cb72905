import { z } from 'zod';
import { idSchema, listOf, numberishSchema, timestampSchema } from './common.schemas';
import { linkedTaskSchema } from './tasks.schemas';

/** v3 Move Task: `{"data": {task_id, new_list_id}}`. */
export const moveTaskResponse = z.object({
  data: z.object({ task_id: idSchema, new_list_id: idSchema }),
});

/** Add/Delete Task Link answer with the task; only its id and links are read (the rest is Get Task's). */
export const taskLinkResponse = z.object({
  task: z.object({ id: idSchema, linked_tasks: listOf(linkedTaskSchema) }),
});

/** Whole minutes in a status, and since when (ms, as a string). */
const totalTimeSchema = z.object({ by_minute: numberishSchema, since: timestampSchema });

export const timeInStatusSchema = z.object({
  current_status: z
    .object({ status: z.string(), color: z.string().nullish(), total_time: totalTimeSchema })
    .nullish()
    .transform((v) => v ?? null),
  status_history: listOf(
    z.object({
      status: z.string(),
      color: z.string().nullish(),
      type: z.string().nullish(),
      total_time: totalTimeSchema,
      orderindex: numberishSchema,
    }),
  ),
});
export type TimeInStatus = z.output<typeof timeInStatusSchema>;

/** Bulk Time in Status: one entry per task id sent. */
export const bulkTimeInStatusResponse = z.record(z.string(), timeInStatusSchema);
