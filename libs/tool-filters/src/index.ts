/**
 * The words an MCP server's filter is made of (CONTRACTS §3 `config`, §5): the api validates a server's config against them, the
 * tool catalog tags its tools with them, and the dashboard offers them. One list, so the three cannot drift apart.
 */

/** What a tool does to ClickUp. */
export const TOOL_METHODS = ['get', 'list', 'create', 'update', 'delete', 'custom'] as const;
export type ToolMethod = (typeof TOOL_METHODS)[number];

/** A server's method filter: a method, or `read` (get, list) or `write` (create, update, delete). */
export const METHOD_FILTERS = ['read', 'write', ...TOOL_METHODS] as const;
export type MethodFilter = (typeof METHOD_FILTERS)[number];

/** The methods `read` and `write` stand for. */
export const METHOD_GROUPS: Readonly<Record<'read' | 'write', readonly ToolMethod[]>> = {
  read: ['get', 'list'],
  write: ['create', 'update', 'delete'],
};

/** The tool groups, one per part of ClickUp. */
export const TOOL_TAGS = [
  'workspaces',
  'spaces',
  'folders',
  'lists',
  'tasks',
  'custom_fields',
  'comments',
  'checklists',
  'tags',
  'goals',
  'time_tracking',
  'docs',
  'members',
  'attachments',
  'chat',
  'views',
  'templates',
  'jobs',
] as const;
export type ToolTag = (typeof TOOL_TAGS)[number];

/** The single methods a method filter list stands for; every method when the list is empty. */
export function expandMethods(filters: readonly string[]): ToolMethod[] {
  if (filters.length === 0) return [...TOOL_METHODS];
  const methods = new Set<ToolMethod>();
  for (const filter of filters) {
    if (filter === 'read' || filter === 'write') METHOD_GROUPS[filter].forEach((m) => methods.add(m));
    else if ((TOOL_METHODS as readonly string[]).includes(filter)) methods.add(filter as ToolMethod);
  }
  return TOOL_METHODS.filter((m) => methods.has(m));
}

/** Whether the method filter `wanted` exposes no method `allowed` does not (empty lists mean all methods). */
export function methodsWithin(allowed: readonly string[], wanted: readonly string[]): boolean {
  const permitted = expandMethods(allowed);
  return expandMethods(wanted).every((m) => permitted.includes(m));
}

/** Whether the tag filter `wanted` exposes no tool group `allowed` does not (empty lists mean all groups). */
export function tagsWithin(allowed: readonly string[], wanted: readonly string[]): boolean {
  const all = (list: readonly string[]) => (list.length === 0 ? TOOL_TAGS : list);
  const permitted = all(allowed);
  return all(wanted).every((tag) => permitted.includes(tag));
}
/**
 * An MCP server's `config.catalog`: `full` lists every tool of its selection with its schemas; `progressive` lists
 * only tool_search, tool_describe and tool_call, for clients with small contexts. Absent: `full`.
 */
export const CATALOG_MODES = ['full', 'progressive'] as const;
export type CatalogMode = (typeof CATALOG_MODES)[number];

export * from './approval-rules';
