import { z } from 'zod';
import { clickUpId, idField, rule } from '../core/input-fields';

// Where a task lives and what it is tied to: its home list, further lists, links, time in each status.

const taskId = idField('Task id (or ENG-12)');
const listId = idField('The other list');

export const taskMoveInput = z.object({
  task_id: taskId,
  list_id: idField('New home list'),
});

export const taskListMembershipInput = z.object({ task_id: taskId, list_id: listId });

export const taskLinkInput = z.object({ task_id: taskId, links_to: idField('The other task') });

export const MAX_TIME_IN_STATUS_TASKS = 100;

export const taskTimeInStatusInput = z
  .object({
    task_id: taskId.optional(),
    task_ids: z.array(clickUpId).max(MAX_TIME_IN_STATUS_TASKS).optional().describe('Or up to 100'),
  })
  .refine(
    (a) => (a.task_id === undefined) !== (a.task_ids === undefined) && a.task_ids?.length !== 0,
    rule('Give task_id, or task_ids with 1 to 100 ids; not both.', 'task_ids'),
  );

/** The status the task holds in its home list after the move. */
export const taskMoveOutput = z.object({ status: z.string().nullable() });

/** Whether the call changed anything (false: it was so already). */
export const changedOutput = z.object({ changed: z.boolean() });

const inStatus = z.object({ status: z.string(), time_ms: z.number(), time: z.string() });

export const taskTimeInStatusOutput = z.object({
  tasks: z.array(
    z.object({
      task_id: z.string(),
      current: inStatus
        .extend({ since_ms: z.number().nullable(), since_iso: z.string().nullable() })
        .nullable(),
      history: z.array(inStatus),
    }),
  ),
});
