import { ClickUpError } from '@gw/clickup-client';
import { z } from 'zod';
import { ARGUMENT_RULE } from './input-fields';
import { ToolError } from './tool-error';

export const ISSUE_CODES = [
  'VALIDATION_ERROR',
  'AUTH_ERROR',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMIT',
  'UPSTREAM_ERROR',
  // A server acting as each person's own ClickUp account, called by someone who has not linked one.
  'CLICKUP_ACCOUNT_NOT_LINKED',
  // A call held for a person's approval (`approval_id`, `approval_url`), and how a request ended without running.
  'APPROVAL_REQUIRED',
  'APPROVAL_REJECTED',
  'APPROVAL_EXPIRED',
  // Beside ok: true: ClickUp answered success but kept something other than what was asked (a silent drop).
  'NOT_APPLIED',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Issue {
  code: IssueCode;
  message: string;
  retry_after_ms?: number;
  job_id?: string;
  queued?: boolean;
  upstream_status?: number;
  path?: string;
  /** A page the person must open in a browser before the call can work (linking their ClickUp account). */
  link_url?: string;
  /** The approval request a call waits for (`approval_get`), and its page in the console. */
  approval_id?: string;
  approval_url?: string;
}

export interface Envelope<T = unknown> {
  ok: boolean;
  result: T | null;
  issues: Issue[];
}

export const issueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  message: z.string(),
  retry_after_ms: z.number().int().optional(),
  job_id: z.string().optional(),
  queued: z.boolean().optional(),
  upstream_status: z.number().int().optional(),
  path: z.string().optional(),
  link_url: z.string().optional(),
  approval_id: z.string().optional(),
  approval_url: z.string().optional(),
});

/**
 * The `outputSchema` of every tool: the envelope around that tool's result. Issue items are described once, in
 * the server instructions, rather than in every tool's schema: the listing is paid for in the agent's context.
 */
export function envelopeSchema(result: z.ZodType) {
  return z.object({
    ok: z.boolean(),
    result: result.nullable(),
    issues: z.array(z.object({ code: z.string(), message: z.string() }).loose()),
  });
}

export const okEnvelope = <T>(result: T, issues: Issue[] = []): Envelope<T> => ({ ok: true, result, issues });
export const failEnvelope = (issues: Issue[]): Envelope<never> => ({ ok: false, result: null, issues });

/** Zod's complaints about arguments, one issue per field, naming it the way the agent wrote it. */
export function validationIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const whole = issue.code === 'custom' && issue.params?.[ARGUMENT_RULE] === true;
    return {
      code: 'VALIDATION_ERROR',
      message: path && !whole ? `${path}: ${issue.message}` : issue.message,
      path: path || undefined,
    };
  });
}

/** Whether an error is one the envelope explains (a refusal, a validation, a ClickUp answer), not a gateway fault. */
export function isExplainedError(error: unknown): boolean {
  return error instanceof ToolError || error instanceof z.ZodError || error instanceof ClickUpError;
}

/** The one mapping from a thrown error to envelope issues. Unknown errors never leak their text. */
export function issuesFromError(error: unknown): Issue[] {
  if (error instanceof ToolError) return [{ code: error.code, message: error.message, path: error.path }];
  if (error instanceof z.ZodError) return validationIssues(error);
  if (error instanceof ClickUpError) {
    const issue: Issue = { code: error.code, message: error.message };
    if (error.retryAfterMs !== null) issue.retry_after_ms = error.retryAfterMs;
    if (error.upstreamStatus !== null) issue.upstream_status = error.upstreamStatus;
    return [issue];
  }
  return [
    {
      code: 'UPSTREAM_ERROR',
      message: 'The gateway failed to complete this call; it was logged for the administrator.',
    },
  ];
}
