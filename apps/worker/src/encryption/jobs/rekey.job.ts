import { Inject, Injectable, Optional } from '@nestjs/common';
import { appendAuditRecords } from '@gw/audit-chain';
import { countNotUnderCurrentKey, resealAll, takeCredentialCensus } from '@gw/db';
import { GatewayMetrics } from '@gw/metrics';
import type { JobPayload, JobResult } from '@gw/queue';
import { SecretBox } from '@gw/security';
import { UnrecoverableError, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';
import { WORKER_LOGGER } from '../../jobs/worker-logger';

type RekeyBullJob = Job<JobPayload<'rekey'>, JobResult<'rekey'>>;

/** Unreadable values named in the audit row; the console lists them all from a fresh count. */
const AUDITED_UNREADABLE = 50;

/**
 * Re-seals every stored secret under the current ENCRYPTION_KEY so ENCRYPTION_KEY_PREVIOUS can be dropped. Batches of
 * one column commit one at a time and report progress; only values not yet under the current key are selected, so a
 * run that stops (a crash, a stalled job retried) resumes where it was. Values no configured key opens are listed by
 * kind and id and left as they are. The run ends with a fresh count for `gateway_credentials_by_key` and, when it
 * changed or found anything, an `encryption.rekey` audit row in each organization.
 */
@Injectable()
export class RekeyJob implements JobProcessor<'rekey'> {
  readonly name = 'rekey' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: GatewayMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    @Optional() private readonly box?: SecretBox,
  ) {}

  async process(payload: JobPayload<'rekey'>, job: RekeyBullJob): Promise<JobResult<'rekey'>> {
    const box = this.box;
    if (!box) throw new UnrecoverableError('the worker has no ENCRYPTION_KEY: nothing can be re-encrypted');
    const total = await countNotUnderCurrentKey(this.dataSource, box);
    await job.updateProgress({ done: 0, total });
    this.logger.info({ job: job.id, total, key_id: box.currentKeyId }, 're-encryption started');
    const outcome = await resealAll(
      { transaction: (work) => this.dataSource.transaction((tx) => work(tx)) },
      box,
      (progress) => job.updateProgress(progress),
      total,
    );
    const census = await takeCredentialCensus(this.dataSource, box);
    this.metrics.credentialCensus(census);
    this.logger.info(
      {
        job: job.id,
        resealed: outcome.resealed,
        unreadable: outcome.unreadable.length,
        under_previous: census.under_previous,
      },
      're-encryption finished',
    );
    if (outcome.resealed > 0 || outcome.unreadable.length > 0) await this.record(payload, box, outcome);
    return { current_key_id: box.currentKeyId, resealed: outcome.resealed, unreadable: outcome.unreadable };
  }

  private async record(
    payload: JobPayload<'rekey'>,
    box: SecretBox,
    outcome: { resealed: number; unreadable: JobResult<'rekey'>['unreadable'] },
  ): Promise<void> {
    const organizations = (await this.dataSource.query(
      'SELECT id FROM organizations ORDER BY created_at',
    )) as {
      id: string;
    }[];
    const at = new Date().toISOString();
    await this.dataSource.transaction((tx) =>
      appendAuditRecords(
        tx,
        organizations.map(({ id }) => ({
          id: randomUUID(),
          at,
          organization_id: id,
          server_id: null,
          team_id: null,
          actor: payload.requested_by,
          client_name: null,
          client_version: null,
          session_id: null,
          ip: null,
          user_agent: null,
          action: 'encryption.rekey',
          tool: null,
          arguments: {
            key_id: box.currentKeyId,
            resealed: outcome.resealed,
            unreadable: outcome.unreadable.length,
            unreadable_values: outcome.unreadable
              .slice(0, AUDITED_UNREADABLE)
              .map(({ kind, id, reason }) => ({ kind, id, reason })),
          },
          outcome: outcome.unreadable.length > 0 ? 'error' : 'ok',
          issue_codes: outcome.unreadable.length > 0 ? ['UNREADABLE_CREDENTIALS'] : [],
          upstream_status: null,
          duration_ms: null,
          job_id: null,
          request_id: null,
        })),
      ),
    );
  }
}
