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

/**
 * Zod's complaints about arguments, one issue per problem, each naming the argument the way the agent wrote it, what
 * was given and what is accepted (never a bare "Invalid input"). `args` are the arguments as sent, `accepted` the
 * argument names of the tool (for unknown ones).
 */
export function validationIssues(error: z.ZodError, args?: unknown, accepted?: readonly string[]): Issue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'custom' && issue.params?.[ARGUMENT_RULE] === true) {
      return { code: 'VALIDATION_ERROR', message: issue.message, path: path || undefined };
    }
    const message = explain(issue, valueAt(args, issue.path), accepted);
    return {
      code: 'VALIDATION_ERROR',
      message: path ? `${path}: ${message}` : message,
      path: path || undefined,
    };
  });
}

const MISSING = Symbol('missing');

function valueAt(args: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = args;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return MISSING;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A value as the agent wrote it, cut short. */
export function shown(value: unknown): string {
  if (value === MISSING || value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type ZodIssue = z.core.$ZodIssue;

/** What an issue's schema accepts, in a few words. */
function expectation(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_format':
      return issue.format === 'regex' ? `text matching ${issue.pattern}` : `a ${issue.format}`;
    case 'invalid_union':
      return [...new Set(issue.errors.map((branch) => branch.map(expectation).join(' and ')))].join(' or ');
    default:
      return issue.message;
  }
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  const op = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  switch (issue.origin) {
    case 'string':
      return small && limit === 1 ? 'non-empty text' : `${op} ${limit} characters`;
    case 'array':
    case 'set':
      return small && limit === 1 ? 'at least one item' : `${op} ${limit} items`;
    default:
      return `a number ${op} ${limit}`;
  }
}

function explain(issue: ZodIssue, value: unknown, accepted?: readonly string[]): string {
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'unrecognized_keys':
      return unknownArguments(issue.keys, accepted);
    case 'invalid_type':
      if (value === MISSING || value === undefined) return `missing; expected ${expectation(issue)}`;
      return `got ${shown(value)}; expected ${expectation(issue)}`;
    case 'invalid_union': {
      // A branch that failed only past its type (a refinement, a transform) says what is wrong more exactly.
      const deeper = issue.errors.find(
        (branch) => branch.length > 0 && branch.every((i) => i.code === 'custom'),
      );
      if (deeper) return deeper.map((i) => i.message).join('; ');
      if (value === MISSING || value === undefined) return `missing; expected ${expectation(issue)}`;
      return `got ${shown(value)}; expected ${expectation(issue)}`;
    }
    default:
      return `got ${shown(value)}; expected ${expectation(issue)}`;
  }
}

/** The message for arguments a tool does not have. */
export function unknownArguments(keys: readonly string[], accepted?: readonly string[]): string {
  const names = keys.map((k) => JSON.stringify(k)).join(', ');
  const known = accepted && accepted.length > 0 ? `; accepted: ${accepted.join(', ')}` : '';
  return `unknown argument${keys.length > 1 ? 's' : ''} ${names}${known}`;
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
