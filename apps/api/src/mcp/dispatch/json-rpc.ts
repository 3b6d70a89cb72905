import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId | null; error: { code: number; message: string; data?: unknown } };

export type IncomingMessage =
  | { kind: 'request'; message: JsonRpcRequest }
  | { kind: 'notification'; message: JsonRpcNotification }
  | { kind: 'response' }
  | { kind: 'invalid'; id: JsonRpcId | null; reason: string };

/** Sorts one decoded JSON value into a JSON-RPC request, notification, client response or invalid message. */
export function classify(value: unknown): IncomingMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', id: null, reason: 'a JSON-RPC message must be an object' };
  }
  const m = value as Record<string, unknown>;
  const id = typeof m['id'] === 'string' || typeof m['id'] === 'number' ? (m['id'] as JsonRpcId) : null;
  if (m['jsonrpc'] !== '2.0') return { kind: 'invalid', id, reason: 'jsonrpc must be "2.0"' };
  if ('result' in m || 'error' in m) return { kind: 'response' };
  if (typeof m['method'] !== 'string') return { kind: 'invalid', id, reason: 'method must be a string' };
  const params = m['params'];
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return { kind: 'invalid', id, reason: 'params must be an object' };
  }
  if ('id' in m) {
    if (id === null) return { kind: 'invalid', id: null, reason: 'id must be a string or a number' };
    return { kind: 'request', message: m as unknown as JsonRpcRequest };
  }
  return { kind: 'notification', message: m as unknown as JsonRpcNotification };
}

export const rpcResult = (id: JsonRpcId, result: unknown): JsonRpcResponse => ({
  jsonrpc: '2.0',
  id,
  result,
});

export const rpcError = (
  id: JsonRpcId | null,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

/**
 * A result already serialized, so a hot answer is not turned into JSON twice (a tool result carries its envelope
 * both as text and as structured content; a listing is the same for every `tools/list`). `serializeResponse`
 * splices the text in; anything else that serializes the response gets the value through `toJSON`.
 */
export class JsonText {
  constructor(
    readonly text: string,
    private readonly value: () => unknown,
  ) {}

  toJSON(): unknown {
    return this.value();
  }
}

/** One response as JSON text, splicing in a result that is already JSON. */
export function serializeResponse(response: JsonRpcResponse): string {
  if ('result' in response && response.result instanceof JsonText) {
    return `{"jsonrpc":"2.0","id":${JSON.stringify(response.id)},"result":${response.result.text}}`;
  }
  return JSON.stringify(response);
}

export { ErrorCode };
