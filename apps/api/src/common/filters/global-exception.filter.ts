import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { requestIdOf } from '../../logging/request-id';

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

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const correlationId = requestIdOf(request.raw);
    const body = this.toBody(exception, correlationId);
    const statusCode = body.statusCode as number;
    if (statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error({ err: exception, correlation_id: correlationId }, 'unhandled error');
    }
    void reply.status(statusCode).header('x-request-id', correlationId).send(body);
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
