import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { toAuditRecord, type AuditEventRow } from '@gw/audit-chain';
import { AuditSinkConfig } from '@gw/config';
import { auditSinkLagSeconds, loadAuditSinkStatuses, type AuditSinkStatus } from '@gw/db';
import { GatewayMetrics } from '@gw/metrics';
import { SecretBox } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { WORKER_LOGGER } from '../jobs/worker-logger';
import { CHECKPOINT_SOURCE, type CheckpointSource } from './checkpoint-source';
import { interleave, type SinkItem } from './formats/sink-item';
import { deliverToSink, type SinkOutcome } from './transports/sink-delivery';

/** First wait after a failed delivery; it doubles with each failure up to AUDIT_SINK_MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 1000;
const ERROR_MAX = 500;

/**
 * Streams each organization's audit chain to its sinks: one dispatcher per sink across every worker (the one holding
 * the sink's lease row), reading the events after the sink's durable cursor in seq order, a batch at a time, and
 * moving the cursor only after the receiver acknowledged the batch. A failed batch is retried, the same one, after a
 * backoff; a restarted or replaced worker resumes from the cursor. Delivery is therefore at least once: a batch
 * acknowledged but not yet recorded (a crash between the two) is sent again, and receivers drop repeats by `seq`.
 */
@Injectable()
export class AuditSinkDispatcher implements OnApplicationShutdown {
  /** This process as a lease holder. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly running = new Map<string, Promise<void>>();
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuditSinkConfig,
    private readonly metrics: GatewayMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Inject(CHECKPOINT_SOURCE) private readonly checkpoints: CheckpointSource,
    @Optional() private readonly secrets?: SecretBox,
  ) {}

  /** A lease lasts long enough for a slow batch, and is renewed before each one. */
  private get leaseMs(): number {
    return Math.max(30_000, this.config.timeoutMs * 3);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    const loop = () => {
      this.ticking = this.tick()
        .catch((error: unknown) =>
          this.logger.warn({ err: (error as Error).message }, 'audit sinks: could not read the sinks'),
        )
        .finally(() => {
          this.ticking = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.config.pollMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled(this.running.values());
    // Another worker takes the sinks over at once rather than when the leases run out.
    await this.dataSource
      .query('UPDATE audit_sinks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [
        this.owner,
      ])
      .catch(() => undefined);
  }

  /** One look at every sink: report the lag of all, and start a run for each one due that no one else holds. */
  async tick(): Promise<void> {
    const sinks = await loadAuditSinkStatuses(this.dataSource);
    const now = Date.now();
    this.metrics.auditSinkLag(
      sinks.map((sink) => ({
        sink: sink.name,
        events: sink.lagEvents,
        seconds: auditSinkLagSeconds(sink, now),
      })),
    );
    for (const sink of sinks) {
      if (this.stopped || this.running.has(sink.id) || !(await this.due(sink, now))) continue;
      const run = this.run(sink)
        .catch((error: unknown) =>
          this.logger.warn({ sink: sink.name, err: (error as Error).message }, 'audit sink run failed'),
        )
        .finally(() => this.running.delete(sink.id));
      this.running.set(sink.id, run);
    }
  }

  /** Resolves once the runs in flight are over (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled(this.running.values());
  }

  private async due(sink: AuditSinkStatus, now: number): Promise<boolean> {
    if (testPending(sink)) return true;
    if (sink.paused) return false;
    if (
      sink.leaseOwner &&
      sink.leaseOwner !== this.owner &&
      sink.leaseUntil &&
      sink.leaseUntil.getTime() > now
    )
      return false;
    if (sink.nextAttemptAt && sink.nextAttemptAt.getTime() > now) return false;
    if (sink.lagEvents > 0) return true;
    // Caught up: a checkpoint made since its events were sent still has to go.
    try {
      return (
        (await this.checkpoints.after(sink.organizationId, sink.checkpointSeq, sink.cursorSeq)).length > 0
      );
    } catch (error) {
      this.logger.warn(
        { sink: sink.name, err: (error as Error).message },
        'audit sinks: could not read checkpoints',
      );
      return false;
    }
  }

  private async run(seen: AuditSinkStatus): Promise<void> {
    if (!(await this.lease(seen.id))) return;
    // Read again under the lease: another worker may have moved the cursor since the tick read it.
    const [sink] = await loadAuditSinkStatuses(this.dataSource, { id: seen.id });
    if (!sink) return;
    if (testPending(sink)) await this.sendTest(sink);
    if (sink.paused) return;
    let cursor = sink.cursorSeq;
    let checkpointSeq = sink.checkpointSeq;
    while (!this.stopped) {
      const rows = (await this.dataSource.query(
        `SELECT * FROM audit_events WHERE organization_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT ${this.config.batchSize}`,
        [sink.organizationId, cursor],
      )) as AuditEventRow[];
      const records = rows.map(toAuditRecord);
      const upTo = records.at(-1)?.seq ?? cursor;
      const checkpoints = await this.checkpoints.after(sink.organizationId, checkpointSeq, upTo);
      if (records.length === 0 && checkpoints.length === 0) return;
      const outcome = await deliverToSink(
        sink,
        interleave(records, checkpoints),
        this.secrets ?? null,
        this.config.timeoutMs,
      );
      if (!outcome.ok) {
        await this.failed(sink, outcome);
        return;
      }
      this.metrics.auditSinkDelivery(sink.name, 'delivered');
      const delivered = { cursor: upTo, checkpointSeq: checkpoints.at(-1)?.seq ?? checkpointSeq };
      if (!(await this.advance(sink, cursor, delivered))) return;
      ({ cursor, checkpointSeq } = delivered);
      if (rows.length < this.config.batchSize) return;
    }
  }

  /** Takes or renews the sink's lease; false when another live worker holds it. */
  private async lease(id: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE audit_sinks SET lease_owner = $2, lease_until = now() + $3 * interval '1 millisecond'
       WHERE id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
       RETURNING id`,
      [id, this.owner, this.leaseMs],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /**
   * Records the acknowledged batch and renews the lease, only while this worker still holds it and the cursor is
   * where the batch started: a worker that lost its lease (paused for longer than the lease) cannot move it back.
   */
  private async advance(
    sink: AuditSinkStatus,
    from: number,
    to: { cursor: number; checkpointSeq: number },
  ): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE audit_sinks SET cursor_seq = $3, checkpoint_seq = $5, delivered_at = now(), failures = 0,
         next_attempt_at = NULL, lease_until = now() + $6 * interval '1 millisecond'
       WHERE id = $1 AND lease_owner = $2 AND cursor_seq = $4
       RETURNING id`,
      [sink.id, this.owner, to.cursor, from, to.checkpointSeq, this.leaseMs],
    )) as [unknown[], number];
    if (rows.length === 1) return true;
    this.logger.warn({ sink: sink.name }, 'audit sink: lease lost or sink removed; stopping this run');
    return false;
  }

  private async failed(sink: AuditSinkStatus, outcome: Extract<SinkOutcome, { ok: false }>): Promise<void> {
    this.metrics.auditSinkDelivery(sink.name, 'failed');
    const failures = sink.failures + 1;
    const delay = backoffMs(failures, this.config.maxBackoffMs, outcome.retryAfterMs);
    await this.dataSource.query(
      `UPDATE audit_sinks SET failures = failures + 1, last_error = $3, last_error_at = now(),
         next_attempt_at = now() + $4 * interval '1 millisecond'
       WHERE id = $1 AND lease_owner = $2`,
      [sink.id, this.owner, clip(outcome.error), delay],
    );
    this.logger.warn(
      { sink: sink.name, failures, retry_in_ms: delay, err: outcome.error },
      'audit sink delivery failed; the same batch is retried',
    );
  }

  /** Sends the test an admin asked for; it does not move the cursor. */
  private async sendTest(sink: AuditSinkStatus): Promise<void> {
    const requested = sink.testRequestedAt as Date;
    const item: SinkItem = { type: 'test', at: new Date().toISOString(), sink: sink.name };
    const outcome = await deliverToSink(sink, [item], this.secrets ?? null, this.config.timeoutMs);
    await this.dataSource.query(
      // The driver reads timestamps to the millisecond; a request made while this one was sent stays pending.
      `UPDATE audit_sinks SET tested_at = now(), test_error = $3
       WHERE id = $1 AND date_trunc('milliseconds', test_requested_at) = $2`,
      [sink.id, requested, outcome.ok ? null : clip(outcome.error)],
    );
  }
}

function testPending(sink: AuditSinkStatus): boolean {
  return sink.testRequestedAt !== null && (!sink.testedAt || sink.testedAt < sink.testRequestedAt);
}

/** 1 s, 2 s, 4 s … up to the cap; the receiver's Retry-After when longer (capped too). */
export function backoffMs(failures: number, capMs: number, retryAfterMs: number | null): number {
  const exponential = FIRST_BACKOFF_MS * 2 ** Math.min(30, Math.max(0, failures - 1));
  return Math.min(capMs, Math.max(exponential, retryAfterMs ?? 0));
}

const clip = (text: string) => (text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`);
