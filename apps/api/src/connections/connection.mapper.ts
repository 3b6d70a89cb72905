import type { ClickUpConnectionEntity } from '@gw/db';
import type { ConnectionDto } from './dto/connection.dto';

export function toConnectionDto(
  connection: ClickUpConnectionEntity,
  teamIds: readonly string[],
): ConnectionDto {
  return {
    id: connection.id,
    name: connection.name,
    type: connection.type,
    clickup_user: {
      id: Number(connection.clickupUserId),
      username: connection.clickupUsername || null,
      email: connection.clickupEmail,
    },
    workspaces: connection.workspaces.map((w) => ({ id: w.id, name: w.name })),
    team_ids: [...teamIds],
    created_at: connection.createdAt.toISOString(),
    updated_at: connection.updatedAt.toISOString(),
  };
}
