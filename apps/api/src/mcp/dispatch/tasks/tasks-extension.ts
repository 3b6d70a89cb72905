import { rpcError, type JsonRpcId, type JsonRpcResponse } from '../json-rpc';

/** The MCP Tasks extension (2026-07-28): queued calls answer with a task their client polls. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** What `server/discover` adds to `capabilities.extensions`: no settings, an empty object says "supported". */
export const TASKS_EXTENSION_CAPABILITY = { [TASKS_EXTENSION]: {} } as const;

const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities';
const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

/**
 * Whether this request's client takes tasks: it lists the extension in the request's own `_meta` client
 * capabilities. Declarations are per request: nothing an earlier request said carries over.
 */
export function declaresTasks(params: Record<string, unknown> | undefined): boolean {
  const extensions = objectAt(objectAt(objectAt(params, '_meta'), CLIENT_CAPABILITIES_META), 'extensions');
  return objectAt(extensions, TASKS_EXTENSION) !== null;
}

/** The extension's answer to `tasks/*` from a client that did not declare it on that request. */
export function missingTasksCapability(id: JsonRpcId, method: string): JsonRpcResponse {
  return rpcError(
    id,
    MISSING_REQUIRED_CLIENT_CAPABILITY,
    `Missing required client capability: ${method} needs the ${TASKS_EXTENSION} extension in this request's _meta["${CLIENT_CAPABILITIES_META}"].extensions`,
    { requiredCapabilities: { extensions: TASKS_EXTENSION_CAPABILITY } },
  );
}

function objectAt(
  holder: Record<string, unknown> | null | undefined,
  key: string,
): Record<string, unknown> | null {
  const value = holder?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
