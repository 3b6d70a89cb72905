import { ClickUpError, requestUrlPath, type ClickUpRequest } from '@gw/clickup-client';

/** A GET reads; everything else may change something in ClickUp. */
export function isWrite(request: Pick<ClickUpRequest, 'method'>): boolean {
  return request.method !== 'GET';
}

/**
 * Creates are the writes that are not idempotent: sent twice, they make two objects. One whose outcome is unknown
 * is looked for upstream before it is sent again (dedup/applied-checks.ts). Every other write (updates, deletes,
 * field sets, tag and dependency links) leaves ClickUp in the same state when replayed.
 */
export const CREATE_OPERATIONS: ReadonlySet<string> = new Set([
  'createSpace',
  'createFolder',
  'createList',
  'createFolderlessList',
  'createTask',
  'createTaskComment',
  'createListComment',
  'createChecklist',
  'createChecklistItem',
  'createGoal',
  'createKeyResult',
  'createatimeentry',
  'startatimeEntry',
  'createDocPublic',
  'createPagePublic',
]);

export function isCreate(request: Pick<ClickUpRequest, 'operation'>): boolean {
  return CREATE_OPERATIONS.has(request.operation);
}

export function isDelete(request: Pick<ClickUpRequest, 'method'>): boolean {
  return request.method === 'DELETE';
}

/**
 * Worth trying again: a 429, and the failures after which ClickUp may answer next time (5xx, 408, timeouts, resets,
 * refused connections). A 2xx whose body could not be read is not: the same request would give the same answer.
 */
export function isRetryable(error: ClickUpError, signal?: AbortSignal): boolean {
  if (signal?.aborted) return false;
  if (error.code === 'RATE_LIMIT') return true;
  if (error.code !== 'UPSTREAM_ERROR') return false;
  return error.status === null || error.status >= 300;
}

/** What makes two reads the same read: method, path, query and body. */
export function requestKey(request: ClickUpRequest): string {
  return `${request.method} ${requestUrlPath(request)} ${request.body === undefined ? '' : JSON.stringify(request.body)}`;
}

/** Whether a replayed call made the same write at the same place as before (the same operation on the same path). */
export function sameTarget(a: ClickUpRequest, b: ClickUpRequest): boolean {
  return a.operation === b.operation && a.method === b.method && a.version === b.version && a.path === b.path;
}
