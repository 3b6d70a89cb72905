import { Global, Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SecurityEventsController } from './security-events.controller';
import { SecurityEvents } from './security-events.service';
import { SecurityEventsQuery } from './security-events-query.service';

/** Global: every refusal path (MCP admission, REST guards, sign-in) records through `SecurityEvents`. */
@Global()
@Module({
  imports: [MetricsModule],
  controllers: [SecurityEventsController],
  providers: [SecurityEvents, SecurityEventsQuery],
  exports: [SecurityEvents],
})
export class SecurityEventsModule {}
