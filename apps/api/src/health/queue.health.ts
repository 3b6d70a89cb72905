import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueBackend } from '@gw/queue';

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queues: QueueBackend,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      await this.queues.ping(1500);
      return indicator.up({ backend: this.queues.kind });
    } catch (error) {
      return indicator.down({ backend: this.queues.kind, message: (error as Error).message });
    }
  }
}
