import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { SecurityEventBuffer, type SecurityEventCount } from './security-event-buffer';
import type { SecurityEventReason } from './security-event-reason';

/** Distinct (minute, address, reason) keys held between two flushes: about 2 MB at most. */
const BUFFER_CAPACITY = 10_000;
const FLUSH_INTERVAL_MS = 2_000;
/** Rows per INSERT: four parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;

/**
 * Refusals of requests nobody authenticated. `record` only counts in memory (it never waits for the database, so
 * a flood costs the attacker's requests nothing to store); the counts are added to `security_events` every two
 * seconds with one upsert per batch, and to the `gateway_security_events_total` metric at once.
 */
@Injectable()
export class SecurityEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SecurityEvents');
  private readonly buffer = new SecurityEventBuffer(BUFFER_CAPACITY);
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  record(ip: string | undefined, reason: SecurityEventReason): void {
    this.buffer.add(ip ?? 'unknown', reason, Date.now());
    this.metrics.securityEvents.inc({ reason });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes what was counted since the last flush. One flush at a time; a failed one is logged and dropped. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write(this.buffer.drain()));
    return this.flushing;
  }

  private async write(rows: SecurityEventCount[]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const batch = rows.slice(start, start + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const values = batch.map((row) => {
        params.push(row.minute, row.ip, row.reason, row.count);
        const n = params.length;
        return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await this.dataSource
        .query(
          `INSERT INTO security_events (minute, ip, reason, count) VALUES ${values.join(', ')}
           ON CONFLICT (minute, ip, reason) DO UPDATE SET count = security_events.count + EXCLUDED.count`,
          params,
        )
        .catch((error: Error) =>
          this.logger.warn(`could not store ${batch.length} security event counts: ${error.message}`),
        );
    }
  }
}
