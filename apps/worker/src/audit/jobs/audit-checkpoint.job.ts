import { Inject, Injectable } from '@nestjs/common';
import {
  checkpointSigner,
  CheckpointStore,
  ChainWalker,
  chainRecords,
  dueCheckpointSeqs,
  type ChainAnchor,
  type CheckpointSigner,
} from '@gw/audit-chain';
import { AuditCheckpointConfig } from '@gw/config';
import { GatewayMetrics } from '@gw/metrics';
import type { JobPayload, JobResult } from '@gw/queue';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../../jobs/job-processor';
import { WORKER_LOGGER, type createWorkerLogger } from '../../jobs/worker-logger';

/**
 * Signs each organization's chain where a checkpoint is due (see `dueCheckpointSeqs`) and stores the checkpoints.
 * A checkpoint is signed only over rows that verify from the checkpoint before it (or from the chain's anchor for the
 * first), so each signature vouches for the whole stretch it closes, never for a row changed since. Runs every
 * minute on one worker (BullMQ's job scheduler hands each run to one worker); the primary key (organization, seq)
 * keeps a second signer of the same head to one row.
 */
@Injectable()
export class AuditCheckpointJob implements JobProcessor<'audit-checkpoint'> {
  readonly name = 'audit-checkpoint' as const;
  private readonly signer: CheckpointSigner | null;
  private readonly store: CheckpointStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AuditCheckpointConfig,
    private readonly metrics: GatewayMetrics,
    @Inject(WORKER_LOGGER) private readonly logger: ReturnType<typeof createWorkerLogger>,
  ) {
    this.signer = config.signingKey ? checkpointSigner(config.signingKey) : null;
    this.store = new CheckpointStore(dataSource);
  }

  /** The signing key's id, or null when checkpoints are off. */
  get keyId(): string | null {
    return this.signer?.keyId ?? null;
  }

  async process(payload: JobPayload<'audit-checkpoint'>): Promise<JobResult<'audit-checkpoint'>> {
    const signer = this.signer;
    if (!signer) return { signing: false, organizations: 0, written: 0 };
    const chains = (await this.dataSource.query(
      payload.organization_id
        ? 'SELECT organization_id, last_seq, anchor_seq, anchor_hash FROM audit_chains WHERE organization_id = $1'
        : 'SELECT organization_id, last_seq, anchor_seq, anchor_hash FROM audit_chains ORDER BY organization_id',
      payload.organization_id ? [payload.organization_id] : [],
    )) as { organization_id: string; last_seq: string; anchor_seq: string; anchor_hash: string }[];
    let written = 0;
    const failures: string[] = [];
    for (const chain of chains) {
      // One organization's broken chain must not leave the others unsigned.
      try {
        written += await this.sign(signer, chain.organization_id, Number(chain.last_seq), {
          seq: Number(chain.anchor_seq),
          hash: chain.anchor_hash,
        });
      } catch (error) {
        this.metrics.auditCheckpoints.inc({ outcome: 'failed' });
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) {
      this.logger.error({ failures }, 'audit checkpoints were not signed');
      throw new Error(failures.join('; '));
    }
    return { signing: true, organizations: chains.length, written };
  }

  private async sign(
    signer: CheckpointSigner,
    organizationId: string,
    headSeq: number,
    anchor: ChainAnchor,
  ): Promise<number> {
    const newest = await this.store.latest(organizationId);
    const due = dueCheckpointSeqs(headSeq, newest, this.policy(), new Date());
    if (due.length === 0) return 0;
    // Verify from the newest checkpoint when its row is still here; after a purge past it, from the anchor.
    const from: ChainAnchor =
      newest && newest.seq + 1 >= anchor.seq ? { seq: newest.seq + 1, hash: newest.hash } : anchor;
    const hashes = await this.verifiedHashes(organizationId, from, new Set(due));
    let written = 0;
    for (const seq of due) {
      const hash = hashes.get(seq);
      if (hash === undefined) continue;
      const checkpoint = signer.sign({
        organization_id: organizationId,
        seq,
        hash,
        created_at: new Date().toISOString(),
        ...this.policy(),
      });
      if (await this.store.insert(checkpoint)) {
        written += 1;
        this.metrics.auditCheckpoints.inc({ outcome: 'written' });
      }
    }
    return written;
  }

  /** Walks the rows from `from` up to the last due seq, and returns the hashes at the due seqs. */
  private async verifiedHashes(
    organizationId: string,
    from: ChainAnchor,
    due: Set<number>,
  ): Promise<Map<number, string>> {
    const until = Math.max(...due);
    const walker = new ChainWalker(from);
    const hashes = new Map<number, string>();
    for await (const record of chainRecords(this.dataSource, organizationId, from.seq - 1, until)) {
      const reason = walker.next(record);
      if (reason) {
        throw new Error(
          `audit chain of organization ${organizationId} is broken at ${record.id} (seq ${record.seq}: ${reason}); no checkpoint is signed past it`,
        );
      }
      if (due.has(record.seq)) hashes.set(record.seq, record.hash);
    }
    return hashes;
  }

  private policy() {
    return { every_events: this.config.everyEvents, every_minutes: this.config.everyMinutes };
  }
}
