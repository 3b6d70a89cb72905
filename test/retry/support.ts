import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { waitFor } from '@gw/testing';
import { callTool, connectClient, connectSandbox, createServer, type Envelope } from '../support/mcp';
import { Stack, type StackMode } from '../support/stack';

export const OWNER_TOKEN = 'pk_sandbox_owner';
/** Reads the tests make of the sandbox go with another user's token, so they never take the owner's budget. */
export const OBSERVER_TOKEN = 'pk_sandbox_sarah';
export const SPRINT_42 = '901400000001';
export const ACME = '9011000001';

export interface QueuedIssue {
  code: string;
  message: string;
  queued?: boolean;
  job_id?: string;
  retry_after_ms?: number;
  upstream_status?: number;
}

export type CallEnvelope<T = unknown> = Omit<Envelope<T>, 'issues'> & { issues: QueuedIssue[] };

export interface SandboxRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RetryJob {
  id: string;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'cancelled';
  tool: string;
  server_id: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  writes: { operation: string; state: string }[];
  result: CallEnvelope | null;
}

/** Fast retries, so backoffs and dead letters happen within a test. */
export const FAST_RETRIES = {
  RETRY_BASE_DELAY_MS: '300',
  RETRY_MAX_DELAY_MS: '2000',
  RETRY_MAX_ATTEMPTS: '4',
  RETRY_CALL_BUDGET_MS: '4000',
};

/** A stack with the sandbox, one connection and MCP servers on it, as an admin would set it up. */
export class RetryStack {
  readonly stack: Stack;
  connectionId!: string;

  constructor(mode: StackMode, env: Record<string, string> = {}) {
    this.stack = new Stack(mode, { sandbox: true, env });
  }

  async start(): Promise<void> {
    await this.stack.start();
    this.connectionId = await connectSandbox(this.stack);
  }

  stop(): Promise<void> {
    return this.stack.stop();
  }

  async server(name = 'retry server'): Promise<{ id: string; url: string; client: Client }> {
    const server = await createServer(this.stack, this.connectionId, { name, workspace_id: ACME });
    return { id: server.id, url: server.url, client: await connectClient(server.url) };
  }

  call<T = unknown>(client: Client, tool: string, args: Record<string, unknown>): Promise<CallEnvelope<T>> {
    return callTool<T>(client, tool, args) as Promise<CallEnvelope<T>>;
  }

  async sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.stack.sandboxUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  fault(fault: Record<string, unknown>): Promise<unknown> {
    return this.sandbox('POST', '/_sandbox/faults', fault);
  }

  async requests(since = 0): Promise<SandboxRequest[]> {
    const body = (await this.sandbox('GET', `/_sandbox/requests?since=${since}`)) as {
      requests: SandboxRequest[];
    };
    return body.requests;
  }

  /** The sandbox's answer to a read, as another user of the workspace sees it. */
  async read<T>(path: string, token = OBSERVER_TOKEN): Promise<T> {
    const res = await fetch(`${this.stack.sandboxUrl}/api/v2${path}`, {
      headers: { authorization: token },
    });
    if (!res.ok) throw new Error(`sandbox GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async tasksNamed(name: string, listId = SPRINT_42): Promise<{ id: string; name: string }[]> {
    const all: { id: string; name: string }[] = [];
    for (let page = 0; ; page++) {
      const body = await this.read<{ tasks: { id: string; name: string }[]; last_page?: boolean }>(
        `/list/${listId}/task?include_closed=true&subtasks=true&page=${page}`,
      );
      all.push(...body.tasks);
      if (body.last_page !== false || body.tasks.length < 100) break;
    }
    return all.filter((t) => t.name === name);
  }

  async job(id: string): Promise<RetryJob> {
    const res = await this.stack.rest<RetryJob>('GET', `/retry-jobs/${id}`);
    if (res.status !== 200)
      throw new Error(`GET /retry-jobs/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async settled(id: string, timeoutMs = 60_000): Promise<RetryJob> {
    let job: RetryJob | undefined;
    await waitFor(
      async () => {
        job = await this.job(id);
        return job.state === 'completed' || job.state === 'failed';
      },
      { timeoutMs, intervalMs: 200 },
    );
    return job as RetryJob;
  }
}

/** The issue of a queued call, checked for the fields CONTRACTS §5 promises. */
export function queuedIssue(envelope: CallEnvelope): QueuedIssue & { job_id: string } {
  expect(envelope.ok).toBe(false);
  const issue = envelope.issues[0];
  expect(issue).toMatchObject({
    queued: true,
    job_id: expect.any(String),
    retry_after_ms: expect.any(Number),
  });
  return issue as QueuedIssue & { job_id: string };
}
