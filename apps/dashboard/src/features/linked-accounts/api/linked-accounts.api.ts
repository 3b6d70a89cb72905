import { apiFetch } from '@/lib/api-client';
import type { LinkedAccount, MyClickUpAccount } from './linked-accounts.types';

const MINE = '/api/v1/me/clickup-account';
const ALL = '/api/v1/clickup-accounts';

export const fetchMyClickUpAccount = (signal?: AbortSignal) => apiFetch<MyClickUpAccount>(MINE, { signal });

/** ClickUp's consent page for the signed-in person; `elicitation` is the link an MCP client showed, if any. */
export const startLink = (elicitation: string | null) =>
  apiFetch<{ authorize_url: string }>(`${MINE}/oauth`, {
    method: 'POST',
    body: elicitation ? { elicitation } : {},
  });

export const unlinkMine = () => apiFetch<void>(MINE, { method: 'DELETE' });

export const fetchLinkedAccounts = (signal?: AbortSignal) => apiFetch<LinkedAccount[]>(ALL, { signal });

export const unlinkPerson = (userId: string) =>
  apiFetch<void>(`${ALL}/${encodeURIComponent(userId)}`, { method: 'DELETE' });
