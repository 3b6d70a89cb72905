import { Injectable } from '@nestjs/common';
import { GatewayMetrics } from '@gw/metrics';
import { QUEUE_NAMES, QueueBackend } from '@gw/queue';

/**
 * The api's metrics (libs/metrics names them all), one registry per app instance so tests that boot several apps do
 * not collide. Queue gauges read the shared queues on scrape, as the worker's do: alert on `max by (queue, state)`.
 */
@Injectable()
export class MetricsService extends GatewayMetrics {
  constructor(queues: QueueBackend) {
    super('api');
    // Read lazily: a queue object connects when made, and an api that is never scraped needs none.
    this.measureQueues(() => Object.values(QUEUE_NAMES).map((name) => queues.queue(name)));
  }
}
