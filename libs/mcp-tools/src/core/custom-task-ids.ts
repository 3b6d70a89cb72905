/**
 * A custom task id (`ENG-14`): a space's prefix, a dash and a number. ClickUp's own task ids are short alphanumeric
 * strings that never hold a dash, so the two cannot be confused, and an agent may pass either wherever a task id is
 * taken: the task is read with `custom_task_ids=true&team_id=<workspace>` and the tool goes on with its own id.
 */
const CUSTOM_TASK_ID = /^[A-Za-z0-9]+-\d+$/;

export function isCustomTaskId(id: string): boolean {
  return CUSTOM_TASK_ID.test(id);
}
