import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UnsequencedRecord } from '@gw/audit-chain';
import { AuditConfig } from '@gw/config';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service';
import { CallsInFlightStore } from './calls-in-flight.store';

/** Markers taken per sweep transaction; a sweep goes on while it finds full batches. */
const SWEEP_BATCH = 100;

/**
 * This api process's calls in flight (docs/adr/0029-calls-in-flight.md). A call that may write is `open`ed before its
 * first ClickUp request and `settled` once its audit row is committed (or `abandoned` when it cannot be). The
 * process renews its heartbeat every sixth of `AUDIT_INTERRUPTED_AFTER_SECONDS` and sweeps every third of it: calls
 * of processes whose heartbeat stopped, and its own abandoned calls, get their INTERRUPTED row.
 */
@Injectable()
export class CallsInFlight implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallsInFlight.name);
  readonly instanceId = randomUUID();
  private readonly store: CallsInFlightStore;
  /** Markers this process wrote (or is writing) and has neither settled nor abandoned. */
  private readonly active = new Set<string>();
  private settling: string[] = [];
  private flushing: Promise<void> | null = null;
  private sweeping: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: AuditConfig,
    private readonly metrics: MetricsService,
  ) {
    this.store = new CallsInFlightStore(dataSource);
  }

  /** The first heartbeat lands before the api serves anything, so no marker ever names a process without one. */
  async onModuleInit(): Promise<void> {
    await this.store.beat(this.instanceId);
    const staleMs = this.config.interruptedAfterSeconds * 1000;
    this.timers = [
      setInterval(() => void this.beat(), Math.max(500, Math.floor(staleMs / 6))),
      setInterval(() => void this.sweep(), Math.max(1000, Math.floor(staleMs / 3))),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Writes the marker of a call; false when there is none to write (`AUDIT_ENABLED=false`, the benchmark switch,
   * writes no rows, so no markers either). Rejects when the marker could not be written: the call must then not run.
   */
  async open(record: UnsequencedRecord): Promise<boolean> {
    if (!this.config.enabled) return false;
    this.active.add(record.id);
    try {
      await this.store.open(this.instanceId, record);
    } catch (error) {
      this.active.delete(record.id);
      throw error;
    }
    return true;
  }

  /**
   * The call's row is committed: its marker goes, off the answer's path. Should the delete fail or the process die
   * first, a sweep finds the row and removes the marker without appending anything.
   */
  settled(id: string): void {
    this.settling.push(id);
    this.flushing ??= this.flushSettled();
  }

  /** The call's row could not be committed: the next sweep of this process records it as interrupted. */
  abandoned(id: string): void {
    this.active.delete(id);
  }

  /** One sweep at a time per process; a tick that finds one running skips. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepAll().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /**
   * In-flight requests have been answered by now (the HTTP server closed first). Markers still settling are removed,
   * this process's leftovers swept, and its heartbeat deleted so another process needs no wait for anything left.
   */
  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.flushing;
    await this.sweeping;
    try {
      await this.sweepAll();
      await this.store.forget(this.instanceId);
    } catch (error) {
      this.logger.warn(`could not release this process's calls in flight: ${(error as Error).message}`);
    }
  }

  private async beat(): Promise<void> {
    await this.store.beat(this.instanceId).catch((error: Error) => {
      this.logger.warn(`heartbeat failed: ${error.message}`);
    });
  }

  private async flushSettled(): Promise<void> {
    try {
      while (this.settling.length > 0) {
        const ids = this.settling.splice(0, SWEEP_BATCH * 5);
        await this.store.close(ids).catch((error: Error) => {
          this.logger.warn(`could not remove ${ids.length} settled call marker(s): ${error.message}`);
        });
        // Only now: until its delete was tried, a settled marker must not look abandoned to this process's sweep.
        for (const id of ids) this.active.delete(id);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async sweepAll(): Promise<void> {
    try {
      for (;;) {
        const { interrupted, settled } = await this.store.sweep({
          staleSeconds: this.config.interruptedAfterSeconds,
          limit: SWEEP_BATCH,
          // A marker is written in the same tick as its record's time is read, so one written before this second
          // and not active was given up.
          own: { instanceId: this.instanceId, active: [...this.active], before: new Date(Date.now() - 1000) },
        });
        for (const row of interrupted) {
          this.metrics.callsInterrupted.inc();
          this.logger.warn(
            `call ${row.id} (${row.tool ?? 'unknown tool'} on server ${row.server_id ?? '-'}) recorded as INTERRUPTED: no audit row of its own was committed`,
          );
        }
        if (interrupted.length + settled < SWEEP_BATCH) return;
      }
    } catch (error) {
      this.logger.warn(`sweep of interrupted calls failed: ${(error as Error).message}`);
    }
  }
}
