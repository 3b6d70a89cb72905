import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { GatewayMetrics } from '@gw/metrics';
import { JOB_QUEUES, JobName, QueueBackend, QueueName } from '@gw/queue';
import { contextFromCarrier, failSpan, SpanKind, SPANS, startSpan, withSpan } from '@gw/tracing';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOB_PROCESSORS, JobProcessor } from './job-processor';
import { WORKER_LOGGER } from './worker-logger';

/** Starts one BullMQ worker per queue that has processors, and routes each job to its processor by name. */
@Injectable()
export class WorkerHost implements OnApplicationShutdown {
  private started = false;

  constructor(
    private readonly queues: QueueBackend,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor<JobName>[],
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {}

  start(concurrency = 4): void {
    if (this.started) return;
    this.started = true;
    const byQueue = new Map<QueueName, Map<string, JobProcessor<JobName>>>();
    for (const processor of this.processors) {
      const queue = JOB_QUEUES[processor.name];
      if (!byQueue.has(queue)) byQueue.set(queue, new Map());
      byQueue.get(queue)?.set(processor.name, processor);
    }
    for (const [queue, processors] of byQueue) {
      const options = [...processors.values()].find((p) => p.queueOptions)?.queueOptions;
      const worker = this.queues.worker(
        queue,
        async (job: Job, token?: string) => {
          const processor = processors.get(job.name);
          if (!processor) throw new Error(`no processor for job ${job.name} on queue ${queue}`);
          return jobSpan(queue, job, () => processor.process(job.data, job, token));
        },
        {
          concurrency: options?.concurrency ?? concurrency,
          ...(options?.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
          ...(options?.maxStalls !== undefined ? { maxStalledCount: options.maxStalls } : {}),
          ...(options?.backoff
            ? {
                settings: {
                  backoffStrategy: (attemptsMade, _type, _error, job) =>
                    options.backoff?.(attemptsMade, job as Job) ?? 0,
                },
              }
            : {}),
        },
      );
      worker.on('completed', (job) =>
        this.logger.info({ queue, job: job.name, id: job.id }, 'job completed'),
      );
      worker.on('failed', (job, error) => {
        if (job && isFinalFailure(job)) this.metrics.deadLetters.inc({ queue });
        if (job && isFinalFailure(job) && job.deferredFailure) void this.abandoned(queue, processors, job);
        this.logger.warn(
          { queue, job: job?.name, id: job?.id, attempts: job?.attemptsMade, err: error.message },
          'job attempt failed',
        );
      });
      worker.on('stalled', (jobId) =>
        this.logger.warn({ queue, id: jobId }, 'job stalled: its worker stopped mid-attempt; it runs again'),
      );
      worker.on('error', (error) => this.logger.error({ queue, err: error.message }, 'worker error'));
      this.logger.info({ queue, jobs: [...processors.keys()] }, 'processing queue');
    }
  }

  /**
   * A job whose workers stopped mid-attempt (their locks lapsed) more often than the queue allows is failed by the
   * next worker that takes it, without its processor running: that processor is told, so the job's ending is still
   * recorded.
   */
  private async abandoned(
    queue: QueueName,
    processors: Map<string, JobProcessor<JobName>>,
    job: Job,
  ): Promise<void> {
    this.logger.error(
      { queue, job: job.name, id: job.id, err: job.deferredFailure },
      'job abandoned: its workers stopped mid-attempt too often',
    );
    try {
      await processors.get(job.name)?.abandoned?.(job.data, job);
    } catch (error) {
      this.logger.error(
        { queue, job: job.name, id: job.id, err: (error as Error).message },
        'could not record an abandoned job',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}

/** A failure BullMQ will not retry (it set `finishedOn` as it moved the job to failed): the queue's dead letter. */
function isFinalFailure(job: Job): boolean {
  return typeof job.finishedOn === 'number';
}

/**
 * One attempt of a job in its `queue.job` span, continuing the trace of the request that queued it (a `tool-call`
 * job carries it in `trace`). A held or rescheduled job ends its span as `delayed`, which is no failure.
 */
function jobSpan<T>(queue: QueueName, job: Job, run: () => Promise<T>): Promise<T> {
  const carrier = (job.data as { trace?: unknown } | null)?.trace;
  const span = startSpan(SPANS.queueJob, { kind: SpanKind.CONSUMER, parent: contextFromCarrier(carrier) });
  if (span.isRecording()) {
    span.setAttributes({
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'process',
      'messaging.destination.name': queue,
      'messaging.message.id': String(job.id),
      'gateway.job.name': job.name,
      'gateway.job.attempt': job.attemptsMade + 1,
    });
  }
  return withSpan(span, async () => {
    try {
      const result = await run();
      span.setAttribute('gateway.job.outcome', 'completed');
      return result;
    } catch (error) {
      if (error instanceof DelayedError) {
        span.setAttribute('gateway.job.outcome', 'delayed');
      } else {
        const last = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        span.setAttribute('gateway.job.outcome', last ? 'failed' : 'retry');
        failSpan(span, error);
      }
      throw error;
    } finally {
      span.end();
    }
  });
}
