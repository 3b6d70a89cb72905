import { Injectable } from '@nestjs/common';
import { takeCredentialCensus } from '@gw/db';
import { enqueueRekey, JOB_QUEUES, QueueBackend, readRekeyJob } from '@gw/queue';
import { SecretBox } from '@gw/security';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { MetricsService } from '../metrics/metrics.service';
import type { EncryptionStatusDto, RekeyStartedDto } from './dto/encryption-status.dto';

/**
 * The state of a key rotation: every stored secret counted by the key that opens it, and the re-encryption run the
 * worker does. The key is the deployment's, so the counts cover every row, whichever organization it belongs to.
 */
@Injectable()
export class EncryptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly queues: QueueBackend,
    private readonly metrics: MetricsService,
  ) {}

  async status(): Promise<EncryptionStatusDto> {
    const [census, job] = await Promise.all([
      takeCredentialCensus(this.dataSource, this.box),
      readRekeyJob(await this.queues.ready(JOB_QUEUES.rekey)),
    ]);
    this.metrics.credentialCensus(census);
    const previousKeyId = this.box.previousKeyIds[0] ?? null;
    return {
      current_key_id: census.current_key_id,
      previous_key_configured: previousKeyId !== null,
      previous_key_id: previousKeyId,
      total: census.total,
      under_current: census.under_current,
      under_previous: census.under_previous,
      unreadable: census.unreadable,
      unreadable_values: census.unreadable_items,
      previous_key_removable:
        previousKeyId !== null && census.under_previous === 0 && census.unreadable === 0,
      job: job && {
        state: job.state,
        started_at: job.started_at,
        finished_at: job.finished_at,
        done: job.done,
        total: job.total,
        error: job.error,
      },
    };
  }

  rekey(principal: Principal): Promise<RekeyStartedDto> {
    return this.queues
      .ready(JOB_QUEUES.rekey)
      .then((queue) => enqueueRekey(queue, { requested_by: principal.actor }));
  }
}
