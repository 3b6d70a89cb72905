import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

export const AUDITED = 'audit:action';
export const AUDITED_SECRET_QUERY = 'audit:secret-query';
/** Kept in the Fastify route's config, so a request refused before its handler (by role, CSRF) is redacted too. */
export const AUDIT_SECRET_BODY_CONFIG = 'auditSecretBody';

/**
 * Names the action recorded for this route; GET routes are recorded only when they carry it (exports, checks, and
 * the OAuth callback). `secretQuery` lists query parameters that are credentials under ordinary names (an OAuth
 * `code`), and `secretBody` the same for top-level body fields (a webhook URL that is itself a credential): the row
 * keeps that they were sent, never their values. `secretBody` sets the route's Fastify config.
 */
export const Audited = (action: string, options: { secretQuery?: string[]; secretBody?: string[] } = {}) =>
  applyDecorators(
    SetMetadata(AUDITED, action),
    SetMetadata(AUDITED_SECRET_QUERY, options.secretQuery ?? []),
    ...(options.secretBody ? [RouteConfig({ [AUDIT_SECRET_BODY_CONFIG]: options.secretBody })] : []),
  );
