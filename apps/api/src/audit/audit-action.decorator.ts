import { applyDecorators, SetMetadata } from '@nestjs/common';

export const AUDITED = 'audit:action';
export const AUDITED_SECRET_QUERY = 'audit:secret-query';

/**
 * Names the action recorded for this route; GET routes are recorded only when they carry it (exports, checks, and
 * the OAuth callback). `secretQuery` lists query parameters that are credentials under ordinary names (an OAuth
 * `code`): the row keeps that they were sent, never their values.
 */
export const Audited = (action: string, options: { secretQuery?: string[] } = {}) =>
  applyDecorators(SetMetadata(AUDITED, action), SetMetadata(AUDITED_SECRET_QUERY, options.secretQuery ?? []));
