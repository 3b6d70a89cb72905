/** A small fetch wrapper that speaks to the api the way a script or the dashboard does. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export type Auth =
  { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'session'; cookie: string; csrf: string };

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string>;
  /** Cookie sessions send the CSRF header on changes unless this is false. */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly auth: Auth = { kind: 'none' },
  ) {}

  get<T>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /** Without following redirects, as the tests look at the Location a browser would follow. */
  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.auth.kind === 'bearer') headers['authorization'] = `Bearer ${this.auth.token}`;
    if (this.auth.kind === 'session') {
      headers['cookie'] = this.auth.cookie;
      const csrf = options.csrf ?? true;
      if (method !== 'GET' && csrf !== false) headers['x-csrf-token'] = csrf === true ? this.auth.csrf : csrf;
    }
    return fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.raw(method, path, options);
    const text = await res.text();
    let body: unknown = text;
    if (res.headers.get('content-type')?.includes('application/json') && text) body = JSON.parse(text);
    return { status: res.status, body: body as T, text, headers: res.headers };
  }

  as(auth: Auth): ApiClient {
    return new ApiClient(this.baseUrl, auth);
  }
}

/** Signs in like the dashboard: the session and CSRF cookies, and the CSRF token to echo. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const res = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return new ApiClient(baseUrl, { kind: 'session', cookie, csrf: csrf_token });
}
