import type { ClickUpClient } from '@gw/clickup-client';
import type { ToolSelection } from './catalog';
import type { Envelope, Issue } from './envelope';
import type { Scope } from './scope';

/** `failed`: dead-lettered after its last attempt; `cancelled`: stopped by its client before it wrote anything. */
export const RETRY_JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'cancelled'] as const;
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

/** `executed`: the approved call ran through the queue; `result` is its envelope, ok or not. */
export const APPROVAL_VIEW_STATES = ['pending', 'approved', 'rejected', 'expired', 'executed'] as const;
export type ApprovalViewState = (typeof APPROVAL_VIEW_STATES)[number];

/** A call waiting for (or past) a person's approval, as the MCP server that asked may see it. */
export interface ApprovalView {
  approval_id: string;
  tool: string;
  /** A pending request past its expiry reads as expired. */
  state: ApprovalViewState;
  expires_at: number;
  /** The call's own envelope once executed. */
  result: Envelope | null;
  /** The approver's comment (a rejection's reason), or why it ended. */
  comment: string | null;
  /** Who decided it last; null while pending, and when it expired or its requester withdrew it. */
  decided_by: { email: string } | null;
}

/** The approval requests of one MCP server (and, at a sign-in URL, one person): another's answer like none. */
export interface ApprovalLookup {
  get(approvalId: string): Promise<ApprovalView | null>;
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
  /** The server's approval requests; absent where there are none to read (the worker, tests). */
  approvals?: ApprovalLookup;
  /**
   * Issues of a call that succeeded, answered beside `ok: true` (NOT_APPLIED: a part of a write ClickUp kept
   * otherwise). `ToolCatalog.call` gives each call its own; handlers add to it through `notApplied`.
   */
  notes?: Issue[];
}
