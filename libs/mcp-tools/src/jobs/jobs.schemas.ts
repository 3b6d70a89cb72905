import { z } from 'zod';
import { APPROVAL_VIEW_STATES, RETRY_JOB_STATES } from '../core/tool-context';

export const retryJobGetInput = z.object({
  job_id: z.string().min(1).max(100).describe('From a queued issue'),
});

export const retryJobGetOutput = z.object({
  job_id: z.string(),
  tool: z.string(),
  state: z.enum(RETRY_JOB_STATES),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  next_attempt_at_ms: z.number().nullable(),
  next_attempt_at_iso: z.string().nullable(),
  /** The queued call's own envelope `{ok, result, issues}`. */
  result: z.object({ ok: z.boolean(), result: z.unknown(), issues: z.array(z.unknown()) }).nullable(),
  last_error: z.string().nullable(),
});

export const approvalGetInput = z.object({
  approval_id: z.string().min(1).max(100).describe('From APPROVAL_REQUIRED'),
});

export const approvalGetOutput = z.object({
  approval_id: z.string(),
  tool: z.string(),
  state: z.enum(APPROVAL_VIEW_STATES),
  expires_at: z.string(),
  /** The call's own envelope once executed. */
  result: z.object({ ok: z.boolean(), result: z.unknown(), issues: z.array(z.unknown()) }).nullable(),
  comment: z.string().nullable(),
  decided_by: z.object({ email: z.string() }).nullable(),
});
