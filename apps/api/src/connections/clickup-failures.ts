import {
  BadGatewayException,
  HttpException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ClickUpError, type ClickUpErrorCode } from '@gw/clickup-client';

/** What the api was asking ClickUp when it failed, to word the answer. */
export type ClickUpPurpose = 'check-token' | 'read-workspace';

/**
 * Every ClickUp failure code, mapped once to the api's answer. Upstream text is never repeated: only the status and
 * ECODE, so nothing ClickUp echoes (a token, a code) can reach a response or a log line.
 */
const ANSWERS: Record<ClickUpErrorCode, (label: string, purpose: ClickUpPurpose) => HttpException> = {
  AUTH_ERROR: (label) =>
    new UnprocessableEntityException(`ClickUp did not accept the token${label}; check it and try again`),
  FORBIDDEN: (label, purpose) =>
    new UnprocessableEntityException(
      purpose === 'check-token'
        ? `ClickUp refused the token access${label}`
        : `The connection may not read this workspace${label}`,
    ),
  VALIDATION_ERROR: (label) => new UnprocessableEntityException(`ClickUp rejected the request${label}`),
  NOT_FOUND: (label) =>
    new BadGatewayException(`ClickUp answered "not found"${label}; check CLICKUP_API_BASE_URL`),
  RATE_LIMIT: (label) =>
    new ServiceUnavailableException(
      `ClickUp's rate limit for this token was reached${label}; try again shortly`,
    ),
  UPSTREAM_ERROR: (label) => new BadGatewayException(`ClickUp did not answer${label}; try again`),
};

const SAFE_ECODE = /^[A-Z0-9_]{1,32}$/;

export function clickUpFailure(error: ClickUpError, purpose: ClickUpPurpose): HttpException {
  const parts = [
    error.status !== null ? String(error.status) : null,
    error.ecode && SAFE_ECODE.test(error.ecode) ? error.ecode : null,
  ].filter(Boolean);
  return ANSWERS[error.code](parts.length ? ` (${parts.join(' ')})` : '', purpose);
}

/** Runs a ClickUp call and turns its failure into the api's answer; other errors pass through. */
export async function askClickUp<T>(purpose: ClickUpPurpose, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClickUpError) throw clickUpFailure(error, purpose);
    throw error;
  }
}
