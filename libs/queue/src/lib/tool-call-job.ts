import type { ClickUpRequest } from '@gw/clickup-client';
import type { TraceCarrier } from '@gw/tracing';

/** A ClickUp answer as kept in a job: enough to hand it to the tool again. */
export interface JournaledAnswer {
  status: number;
  body: unknown;
}

/**
 * One write of a queued call, in the order the tool made it. `unknown` means it reached ClickUp and no answer said
 * whether it was applied (5xx, timeout, reset): a create in that state is looked for upstream before it is sent again.
 */
export interface JournaledWrite {
  request: ClickUpRequest;
  /** When it was first sent, epoch ms: an upstream check looks for what was created since. */
  first_sent_at: number | null;
  state: 'done' | 'unknown' | 'not_applied';
  answer?: JournaledAnswer;
}

/** What a queued call has already done, so a replay continues it instead of repeating it. */
export interface CallJournal {
  /** Answers to reads, by request key, used again when the replay makes the same read. */
  reads: { key: string; answer: JournaledAnswer }[];
  writes: JournaledWrite[];
}

/** A tool call that could not finish within its budget, carried on by the worker (CONTRACTS §6). */
/** A person signed in to a sign-in MCP server through an OAuth client, as a call carries them. */
export interface SignedInCaller {
  user_id: string;
  email: string;
  /** The OAuth client acting for them: a client metadata document URL or a registered client id. */
  oauth_client_id: string;
}

export interface ToolCallJobPayload {
  organization_id: string;
  server_id: string;
  team_id: string | null;
  tool: string;
  arguments: Record<string, unknown>;
  /** The MCP request it came from, for the audit event of its outcome. */
  origin: {
    client_name: string | null;
    client_version: string | null;
    session_id: string | null;
    request_id: string | null;
    ip: string | null;
    user_agent: string | null;
    /** The W3C traceparent the request carried in `_meta`, sent to ClickUp with every attempt (absent in older jobs). */
    traceparent?: string | null;
    /**
     * The signed-in person a call on a sign-in server acts for (absent for secret-URL calls and older jobs): the
     * worker's audit row names them, and a server acting as its caller's own ClickUp account uses theirs.
     */
    caller?: SignedInCaller | null;
  };
  queued_at: number;
  /**
   * The W3C trace context of the span that queued the call (its `tool.call`), when tracing is on: the worker's
   * `queue.job` span continues that trace, so one call is one trace across the api and the worker.
   */
  trace?: TraceCarrier;
  /** Why it was queued: the rate limit, ClickUp failing, or a person approved it (`approval`). */
  reason: 'rate_limit' | 'upstream_error' | 'approved';
  /**
   * The approval this call carries out (its id is the job's): the worker runs it only if the call still hashes to
   * the approval's `call_hash`, as stored with the approval.
   */
  approval?: { id: string; call_hash: string };
  journal: CallJournal;
  /**
   * Lists of the call's arguments the api had already found in the server's workspace (servers not pinned to spaces),
   * so the worker does not spend rate budget reading them again. Taken only while the workspace is the same.
   */
  scope?: { workspace_id: string; lists: string[] };
  /** Written before each retry. */
  last_error?: { code: string; message: string; upstream_status?: number; at: number };
  /** When the next attempt is due, epoch ms, and the backoff that led there. */
  next_attempt_at?: number;
  next_delay_ms?: number;
  /** Written by the worker when it ends the job as cancelled (see tool-call-cancel), before it fails it. */
  cancelled_at?: number;
  /** Who cancelled it, as its cancel line names them (`mcp:{server_id}`, or `pause:{id}` for a discard on resume). */
  cancelled_by?: string;
  /**
   * Set by the worker while a pause of the call's organization, team or connection holds it (the job waits delayed,
   * without spending an attempt); cleared by the first attempt that finds no pause. A resume promotes these jobs.
   */
  held?: { pause_id: string; since: number };
}

/** The queued call's outcome: the envelope the tool would have answered, had it finished in time. */
export interface ToolCallJobResult {
  envelope: {
    ok: boolean;
    result: unknown;
    issues: {
      code: string;
      message: string;
      upstream_status?: number;
      retry_after_ms?: number;
      job_id?: string;
      queued?: boolean;
      path?: string;
    }[];
  };
  /** Creates found upstream instead of sent again. */
  deduplicated: number;
}
