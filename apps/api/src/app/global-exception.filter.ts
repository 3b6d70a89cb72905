import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { adminEvent, outcomeOfError, type AuditedRequest } from '../audit/admin-audit.interceptor';
import { AuditService } from '../audit/audit.service';
import { FailureLimiter } from '../rate-limits/failure-limiter.service';
import { RateLimitedException } from '../rate-limits/rate-limited.exception';
import { SecurityEvents } from '../security-events/security-events.service';
import { requestIdOf } from '../logging/request-id';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  correlation_id: string;
}

/**
 * The one place errors become HTTP answers: `{statusCode, error, message, correlation_id}`.
 * Unexpected errors are logged with the correlation id and answered without internals.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly audit: AuditService,
    private readonly securityEvents: SecurityEvents,
    private readonly failures: FailureLimiter,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const correlationId = requestIdOf(request.raw);
    const body = this.toBody(exception, correlationId);
    const statusCode = body.statusCode as number;
    await this.recordRefusal(request as AuditedRequest, statusCode, exception);
    if (statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error({ err: exception, correlation_id: correlationId }, 'unhandled error');
    }
    if (exception instanceof RateLimitedException) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    void reply.status(statusCode).header('x-request-id', correlationId).send(body);
  }

  /**
   * REST requests refused before any handler ran. A known principal's refusal (a wrong role, a missing CSRF token of
   * a valid session) is an admin action of its organization. Without one, the request belongs to no organization:
   * it is a security event, and spends its address's failure budget.
   */
  private async recordRefusal(
    request: AuditedRequest,
    statusCode: number,
    exception: unknown,
  ): Promise<void> {
    const route = request.routeOptions?.url ?? request.url;
    if (request.auditRecorded || !route.startsWith('/api/v1/') || (statusCode !== 401 && statusCode !== 403))
      return;
    request.auditRecorded = true;
    if (!request.principal) {
      if (request.refusalRecorded) return;
      request.refusalRecorded = true;
      this.securityEvents.record(request.ip, 'api_unauthenticated');
      await this.failures
        .charge(request.ip)
        .catch((error: Error) => this.logger.error(`could not count a refused request: ${error.message}`));
      return;
    }
    const [outcome, codes] = outcomeOfError(exception);
    await this.audit
      .record(adminEvent(request, `http ${request.method} ${route}`, outcome, codes, null))
      .catch((error: Error) => this.logger.error(`could not record a refused request: ${error.message}`));
  }

  private toBody(exception: unknown, correlationId: string): ErrorBody | Record<string, unknown> {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      // A structured answer without a message (e.g. the readiness report) is kept as it is.
      if (typeof response === 'object' && !('message' in response)) {
        return { ...response, statusCode, correlation_id: correlationId };
      }
      const message =
        typeof response === 'string'
          ? response
          : ((response as { message?: string | string[] }).message ?? exception.message);
      return {
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        message,
        correlation_id: correlationId,
      };
    }
    const statusCode = statusOfFrameworkError(exception);
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: statusCode === 500 ? 'Internal server error' : (exception as Error).message,
      correlation_id: correlationId,
    };
  }
}

/** Fastify's own client errors (bad JSON, body too large) carry a 4xx statusCode. */
function statusOfFrameworkError(exception: unknown): number {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : HttpStatus.INTERNAL_SERVER_ERROR;
}
