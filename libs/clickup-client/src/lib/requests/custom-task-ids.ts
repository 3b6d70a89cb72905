import { ClickUpError } from '../http/errors';

/**
 * Task-scoped endpoints accept a custom task id (`JOSH-917`) when told `custom_task_ids=true`, which also
 * needs the Workspace id in `team_id` (API-NOTES §3).
 */
export type CustomTaskIdOptions =
  { customTaskIds?: false; teamId?: undefined } | { customTaskIds: true; teamId: string | number };

export function customTaskIdQuery(options: CustomTaskIdOptions | undefined): {
  custom_task_ids?: boolean;
  team_id?: string | number;
} {
  if (!options?.customTaskIds) return {};
  if (options.teamId === undefined || options.teamId === '') {
    throw ClickUpError.invalidInput('teamId is required when customTaskIds is true');
  }
  return { custom_task_ids: true, team_id: options.teamId };
}
