import { createSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | number | boolean | (string | number)[]>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the client's token; `null` sends no Authorization header. */
  token?: string | null;
}

/** A thin fetch wrapper: JSON in, JSON (or text) out, nothing hidden. */
export class Client {
  constructor(
    readonly base: string,
    readonly token: string | null = 'pk_sandbox_owner',
  ) {}

  as(token: string | null): Client {
    return new Client(this.base, token);
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers['authorization'] = token;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = Record<string, unknown>>(path: string, options?: CallOptions) {
    return this.call<T>('GET', path, options);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>('POST', path, { ...options, body });
  }
  put<T = Record<string, unknown>>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>('PUT', path, { ...options, body });
  }
  delete<T = Record<string, unknown>>(path: string, options?: CallOptions) {
    return this.call<T>('DELETE', path, options);
  }
}

export interface Running {
  sandbox: Sandbox;
  base: string;
  api: Client;
  /** Ids of the seed, looked up by name through the API. */
  seed: SeedIds;
}

export interface SeedIds {
  acme: string;
  globex: string;
  users: Record<'owner' | 'sarah' | 'david' | 'guest', number>;
  spaces: Record<string, string>;
  folders: Record<string, string>;
  lists: Record<string, string>;
  tasks: Record<string, TaskLike>;
}

export interface TaskLike {
  id: string;
  name: string;
  custom_id: string | null;
  [key: string]: unknown;
}

interface Named {
  id: string;
  name: string;
}

/** Starts a sandbox on an ephemeral port and reads the seed's ids through the API. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Running> {
  const sandbox = createSandbox({ rateLimitPerMinute: 1_000_000, ...options });
  const base = await sandbox.listen(0, '127.0.0.1');
  const api = new Client(base);
  try {
    // Reading the seed takes a few dozen calls; a low configured limit applies from a fresh window after it.
    await api.put('/_sandbox/rate-limit', { per_minute: 1_000_000 }, { token: null });
    const seed = await readSeed(api);
    await api.put(
      '/_sandbox/rate-limit',
      { per_minute: options.rateLimitPerMinute ?? 1_000_000 },
      { token: null },
    );
    return { sandbox, base, api, seed };
  } catch (e) {
    await sandbox.close();
    throw e;
  }
}

export async function readSeed(api: Client): Promise<SeedIds> {
  const users = { owner: 0, sarah: 0, david: 0, guest: 0 };
  for (const key of Object.keys(users) as (keyof typeof users)[]) {
    users[key] = (
      await api.as(`pk_sandbox_${key}`).get<{ user: { id: number } }>('/api/v2/user')
    ).body.user.id;
  }
  const teams = (await api.get<{ teams: Named[] }>('/api/v2/team')).body.teams;
  const globexTeams = (await api.as('pk_sandbox_guest').get<{ teams: Named[] }>('/api/v2/team')).body.teams;
  const acme = defined(teams.find((t) => t.name === 'Acme Corp')).id;
  const globex = defined(globexTeams.find((t) => t.name === 'Globex')).id;
  const spaces: Record<string, string> = {};
  const folders: Record<string, string> = {};
  const lists: Record<string, string> = {};
  const tasks: Record<string, TaskLike> = {};
  for (const [team, client] of [
    [acme, api],
    [globex, api.as('pk_sandbox_guest')],
  ] as const) {
    for (const s of (await client.get<{ spaces: Named[] }>(`/api/v2/team/${team}/space`)).body.spaces) {
      spaces[s.name] = s.id;
      for (const f of (
        await client.get<{ folders: (Named & { lists: Named[] })[] }>(`/api/v2/space/${s.id}/folder`)
      ).body.folders) {
        folders[f.name] = f.id;
        for (const l of f.lists) lists[l.name] = l.id;
      }
      for (const l of (await client.get<{ lists: Named[] }>(`/api/v2/space/${s.id}/list`)).body.lists)
        lists[l.name] = l.id;
    }
    const all = await client.get<{ tasks: TaskLike[] }>(`/api/v2/team/${team}/task`, {
      query: { include_closed: true, subtasks: true },
    });
    for (const t of all.body.tasks) tasks[t.name] = t;
  }
  return { acme, globex, users, spaces, folders, lists, tasks };
}

/** Narrows a value the test expects to exist, failing with a readable message instead of a TypeError. */
export function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to be present`);
  return value;
}
