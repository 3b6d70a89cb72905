import type { ClickUpClient } from '@gw/clickup-client';
import type { ToolSelection } from './catalog';
import type { Envelope } from './envelope';
import type { Scope } from './scope';

export const RETRY_JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
export type RetryJobState = (typeof RETRY_JOB_STATES)[number];

/** A queued call as its MCP server may see it. */
export interface RetryJobView {
  job_id: string;
  tool: string;
  state: RetryJobState;
  /** Attempts made so far, and the most before it is dead-lettered. */
  attempts: number;
  max_attempts: number;
  queued_at: number;
  /** When a waiting or delayed job is due, epoch ms. */
  next_attempt_at: number | null;
  finished_at: number | null;
  /** The envelope the queued call answers, once completed. */
  result: Envelope | null;
  /** Why the last attempt failed, or why the job was dead-lettered. */
  last_error: string | null;
}

/** The retry queue as one MCP server sees it: only its own jobs. */
export interface RetryJobLookup {
  get(jobId: string): Promise<RetryJobView | null>;
}

/** What a tool handler works with: a client for the server's ClickUp connection and the server's scope. */
export interface ToolContext {
  client: ClickUpClient;
  /** The server's scope; the handler sees the call's view of it (`Scope.forCall`). */
  scope: Scope;
  /** The tools the server lists: `ToolCatalog.call` refuses any other before reading its arguments. */
  selection: ToolSelection;
  signal?: AbortSignal;
  /** The server's queued calls; absent where there is no retry queue (the worker, tests). */
  jobs?: RetryJobLookup;
}
