import { Global, Module } from '@nestjs/common';
import { FailureLimiter } from './failure-limiter.service';

@Global()
@Module({ providers: [FailureLimiter], exports: [FailureLimiter] })
export class RateLimitsModule {}
