import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuditRecord } from '@gw/audit-chain';
import { REDACTED } from '@gw/audit-recorder';
import { tokenHashPrefix } from '@gw/security';
import { catchError, from, mergeMap, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/decorators';
import { AUDIT_SECRET_BODY_CONFIG, AUDITED, AUDITED_SECRET_QUERY } from './audit-action.decorator';
import { AuditService } from './audit.service';

export type AuditedRequest = AuthenticatedRequest & {
  auditRecorded?: boolean;
  /** Whom a public route turned out to act for: a spent password-reset link names its user. */
  auditSubject?: { actor: string; organizationId: string };
  /** Set when a refusal was already counted as a security event (a failed sign-in), so it is not counted twice. */
  refusalRecorded?: boolean;
  /** What a handler learned about the action's subject: the person and OAuth client (consent, connected agents). */
  auditDetails?: AdminAuditDetails;
};

/** Columns of an admin action's row that only its handler can fill. */
export interface AdminAuditDetails {
  serverId?: string | null;
  /** The job the action concerns: an approval's id, which is also the id of the job that runs its call. */
  jobId?: string | null;
  actorUserId?: string | null;
  actorEmail?: string | null;
  oauthClientId?: string | null;
}

/**
 * Records every admin action on the REST API — each change, and the reads that are actions in their own right
 * (exports, verifications) — after it succeeds or fails and before the answer leaves, so no admin sees a result
 * the audit log does not hold. Requests refused before reaching a handler are recorded by the exception filter.
 * A request nobody authenticated that fails (a wrong password, a malformed sign-in) enters no organization's chain:
 * the exception filter counts it as a security event instead.
 */
@Injectable()
export class AdminAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const named = this.reflector.get<string | undefined>(AUDITED, context.getHandler());
    const route = request.routeOptions?.url ?? request.url;
    if (!route.startsWith('/api/v1/') || (request.method === 'GET' && !named)) return next.handle();
    const action = named ?? actionName(context);
    const secretQuery =
      this.reflector.get<string[] | undefined>(AUDITED_SECRET_QUERY, context.getHandler()) ?? [];
    const started = performance.now();
    const record = async (outcome: AuditRecord['outcome'], issueCodes: string[]) => {
      // A handler that streams its answer records before the first byte (see AuditExportService).
      if (request.auditRecorded || (!request.principal && outcome !== 'ok')) return;
      request.auditRecorded = true;
      const event = adminEvent(request, action, outcome, issueCodes, performance.now() - started);
      await this.audit.record(withSecretQueryRedacted(event, secretQuery));
    };
    return next.handle().pipe(
      mergeMap((data) => from(record('ok', []).then(() => data))),
      catchError((error: unknown) =>
        from(
          record(...outcomeOfError(error)).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}

function withSecretQueryRedacted<T extends { arguments?: Record<string, unknown> }>(
  event: T,
  keys: string[],
): T {
  const query = event.arguments?.['query'] as Record<string, unknown> | undefined;
  if (!query || keys.length === 0) return event;
  const redacted = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, keys.includes(key) ? REDACTED : value]),
  );
  return { ...event, arguments: { ...event.arguments, query: redacted } };
}

/** `McpServersController.create` → `mcp_servers.create`. */
function actionName(context: ExecutionContext): string {
  const feature = context
    .getClass()
    .name.replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return `${feature}.${context.getHandler().name}`;
}

export function outcomeOfError(error: unknown): [AuditRecord['outcome'], string[]] {
  const status = error instanceof HttpException ? error.getStatus() : 500;
  if (status === 401) return ['denied', ['AUTH_ERROR']];
  if (status === 403) return ['denied', ['FORBIDDEN']];
  if (status === 404) return ['error', ['NOT_FOUND']];
  if (status < 500) return ['error', ['VALIDATION_ERROR']];
  return ['error', ['UPSTREAM_ERROR']];
}

export function adminEvent(
  request: AuditedRequest,
  action: string,
  outcome: AuditRecord['outcome'],
  issueCodes: string[],
  durationMs: number | null,
) {
  const principal = request.principal;
  const body = withSecretBodyRedacted(
    request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : undefined,
    (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[
      AUDIT_SECRET_BODY_CONFIG
    ],
  );
  const params = request.params && Object.keys(request.params as object).length ? request.params : undefined;
  const query = request.query && Object.keys(request.query as object).length ? request.query : undefined;
  // A refused credential is identified by a short hash prefix, never by the token itself.
  const bearer = principal ? undefined : /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const credential = bearer ? { token_hash_prefix: tokenHashPrefix(bearer) } : undefined;
  return {
    organizationId: principal?.organizationId ?? request.auditSubject?.organizationId,
    actor: principal?.actor ?? request.auditSubject?.actor ?? 'anonymous',
    action,
    arguments:
      body || params || query || credential
        ? {
            ...(params ? { params } : {}),
            ...(query ? { query } : {}),
            ...(body ? { body } : {}),
            ...credential,
          }
        : undefined,
    outcome,
    issueCodes,
    durationMs,
    requestId: String(request.id),
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
    sessionId: principal?.sessionId ?? null,
    teamId: teamIdOf(body),
    ...request.auditDetails,
  };
}

function withSecretBodyRedacted(
  body: Record<string, unknown> | undefined,
  keys: unknown,
): Record<string, unknown> | undefined {
  if (!body || !Array.isArray(keys) || keys.length === 0 || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, keys.includes(key) ? REDACTED : value]),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The team a request names; a malformed team_id is refused by validation, and must not fail the refusal's row. */
function teamIdOf(body: unknown): string | null {
  const teamId = body && typeof body === 'object' ? (body as Record<string, unknown>)['team_id'] : undefined;
  return typeof teamId === 'string' && UUID.test(teamId) ? teamId : null;
}
