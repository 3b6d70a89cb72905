import { Agent, request } from 'undici';
import { Client as PgClient } from 'pg';
import { INITIALIZE } from '../support/mcp';
import { ADMIN, type Stack } from '../support/stack';

export interface SecurityEvent {
  minute: string;
  ip: string;
  reason: string;
  count: number;
}

export interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * HTTP from one loopback address (127.0.0.0/8 all reach a server listening on 0.0.0.0), so a suite can play an
 * attacker and a legitimate client with distinct source addresses on one machine.
 */
export class Source {
  private readonly agent: Agent;

  constructor(readonly address: string) {
    this.agent = new Agent({ localAddress: address, connections: 16, pipelining: 1 });
  }

  async request(
    url: string,
    init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    const res = await request(url, { ...init, dispatcher: this.agent });
    const retryAfter = res.headers['retry-after'];
    return {
      status: res.statusCode,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
      text: await res.body.text(),
    };
  }

  mcp(url: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(INITIALIZE),
    });
  }

  login(stack: Stack, email: string, password: string): Promise<Answer> {
    return this.request(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  }

  rest(stack: Stack, path: string, token: string): Promise<Answer> {
    return this.request(`${stack.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Rows in every organization's audit chain. */
export async function auditRowCount(stack: Stack): Promise<number> {
  const db = new PgClient({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events');
    return Number(rows[0]?.n);
  } finally {
    await db.end();
  }
}

/** Every security event matching the filters, through the REST API as the owner. */
export async function securityEvents(
  stack: Stack,
  filters: Record<string, string> = {},
  token = ADMIN.apiToken,
): Promise<SecurityEvent[]> {
  const items: SecurityEvent[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ ...filters, limit: '500', ...(cursor ? { cursor } : {}) });
    const res = await stack.rest<{ items: SecurityEvent[]; next_cursor: string | null }>(
      'GET',
      `/security-events?${query}`,
      undefined,
      token,
    );
    if (res.status !== 200)
      throw new Error(`security events answered ${res.status}: ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    if (!res.body.next_cursor) return items;
    cursor = res.body.next_cursor;
  }
}

/** Counts per reason for one address, summed over minutes. */
export async function countsByReason(stack: Stack, ip: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const e of await securityEvents(stack, { ip })) counts[e.reason] = (counts[e.reason] ?? 0) + e.count;
  return counts;
}
