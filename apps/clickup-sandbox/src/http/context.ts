import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';
import type { Params } from './router';
import type { QueryReader } from './query';

export type ApiVersion = 'v2' | 'v3';

export interface Ctx {
  method: string;
  path: string;
  params: Params;
  query: QueryReader;
  /** Parsed JSON or form body; undefined when the request had none. */
  body: unknown;
  headers: IncomingHttpHeaders;
  store: Store;
  /** Set on routes that require auth; routes without auth must not read it. */
  principal: Principal;
  now: number;
}

export interface Reply {
  status: number;
  /** JSON body; absent for 204. */
  body?: unknown;
  /** A body already serialized to JSON (the cached Get Task answer). */
  json?: string;
  /** A non-JSON answer (consent page, redirects). */
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;

export interface RouteDef {
  method: string;
  path: string;
  version: ApiVersion;
  auth: boolean;
  handler: Handler;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
