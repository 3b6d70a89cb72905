import type { ClickUpLinkedAccountEntity } from '@gw/db';
import type { LinkedAccountDto } from './dto/linked-account.dto';
import type { MyClickUpAccountDto } from './dto/my-clickup-account.dto';

type Shown = Pick<
  ClickUpLinkedAccountEntity,
  'clickupUserId' | 'clickupUsername' | 'clickupEmail' | 'workspaces' | 'linkedAt' | 'lastUsedAt'
>;

export function toMyClickUpAccountDto(row: Shown | null): MyClickUpAccountDto {
  if (!row) return { linked: false, clickup_user: null, workspaces: [], linked_at: null, last_used_at: null };
  return {
    linked: true,
    clickup_user: clickUpUser(row),
    workspaces: row.workspaces.map((w) => ({ id: w.id, name: w.name })),
    linked_at: row.linkedAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

export function toLinkedAccountDto(
  row: Shown & Pick<ClickUpLinkedAccountEntity, 'userId'>,
  user: { email: string; name: string },
): LinkedAccountDto {
  return {
    user_id: row.userId,
    user_email: user.email,
    user_name: user.name,
    clickup_user: clickUpUser(row),
    workspaces: row.workspaces.map((w) => ({ id: w.id, name: w.name })),
    linked_at: row.linkedAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

const clickUpUser = (row: Shown) => ({
  id: Number(row.clickupUserId),
  username: row.clickupUsername || null,
  email: row.clickupEmail,
});
