import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 whose `Retry-After` (seconds) the exception filter sends along. */
export class RateLimitedException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many failed requests from this address; retry later',
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
