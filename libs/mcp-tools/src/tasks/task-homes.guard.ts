import { LIST, TASK } from '../core/proofs';
import { guardTool, type GuardedTool } from '../core/tool-guard';
import {
  taskLinkInput,
  taskListMembershipInput,
  taskMoveInput,
  taskTimeInStatusInput,
} from './task-homes.schemas';

/** The proofs of `taskHomeTools`, part of the tasks guard: every task and every list, of both ends. */
export const taskHomeGuards: Record<string, GuardedTool> = {
  task_move: guardTool(taskMoveInput, { ids: { task_id: TASK, list_id: LIST } }),
  task_add_to_list: guardTool(taskListMembershipInput, { ids: { task_id: TASK, list_id: LIST } }),
  task_remove_from_list: guardTool(taskListMembershipInput, { ids: { task_id: TASK, list_id: LIST } }),
  task_link_add: guardTool(taskLinkInput, { ids: { task_id: TASK, links_to: TASK } }),
  task_link_remove: guardTool(taskLinkInput, { ids: { task_id: TASK, links_to: TASK } }),
  task_time_in_status: guardTool(taskTimeInStatusInput, { ids: { task_id: TASK, task_ids: TASK } }),
};
