import type { ApiVersion, Handler, RouteDef } from './context';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Collects the routes of one resource module; the sandbox compiles them all into one Router. */
export class RouteTable {
  readonly routes: RouteDef[] = [];

  /** A v2 route, e.g. `v2('GET', '/task/:task_id', …)` serves `/api/v2/task/{task_id}`. */
  v2(method: Method, path: string, handler: Handler): void {
    this.routes.push({ method, path: `/api/v2${path}`, version: 'v2', auth: true, handler });
  }

  /** A v3 route, served under `/api/v3`. */
  v3(method: Method, path: string, handler: Handler): void {
    this.routes.push({ method, path: `/api/v3${path}`, version: 'v3', auth: true, handler });
  }

  /** A route that takes no Authorization header (OAuth consent and token exchange). */
  open(method: Method, fullPath: string, handler: Handler, version: ApiVersion = 'v2'): void {
    this.routes.push({ method, path: fullPath, version, auth: false, handler });
  }
}
