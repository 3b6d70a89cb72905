import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CheckpointStore, type SignedCheckpoint } from '@gw/audit-chain';
import { DataSource } from 'typeorm';
import type { CheckpointDto, CheckpointStatusDto } from '../dto/checkpoint-status.dto';

const MINUTE_MS = 60_000;
/** What the worker promises by default (`AUDIT_CHECKPOINT_EVERY_MINUTES`) before a checkpoint says otherwise. */
const DEFAULT_EVERY_MINUTES = 10;
/** The job runs once a minute; a restart or clock skew adds a little more, as `audit:verify` allows. */
const SLACK_MINUTES = 5;
const RECENT = 20;

/**
 * Whether the organization's chain is being signed, read from what the worker wrote: the private key stays with
 * the worker, and the console reports what verifiers will find rather than what a variable claims.
 */
@Injectable()
export class CheckpointStatusService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async status(organizationId: string, now = new Date()): Promise<CheckpointStatusDto> {
    const recent = await new CheckpointStore(this.dataSource).newest(organizationId, RECENT);
    const latest = recent[0] ?? null;
    const [head] = (await this.dataSource.query(
      'SELECT last_seq FROM audit_chains WHERE organization_id = $1',
      [organizationId],
    )) as { last_seq: string }[];
    const headSeq = head ? Number(head.last_seq) : 0;
    const signedUpTo = latest?.seq ?? 0;
    const uncovered = Math.max(0, headSeq - signedUpTo);
    const [oldest] = uncovered
      ? ((await this.dataSource.query(
          'SELECT at FROM audit_events WHERE organization_id = $1 AND seq > $2 ORDER BY seq LIMIT 1',
          [organizationId, signedUpTo],
        )) as { at: Date }[])
      : [];
    const allowedMs = ((latest?.every_minutes ?? DEFAULT_EVERY_MINUTES) + SLACK_MINUTES) * MINUTE_MS;
    const late = oldest !== undefined && now.getTime() - oldest.at.getTime() > allowedMs;
    const state = !latest ? (late ? 'off' : 'pending') : late ? 'overdue' : 'current';
    return {
      state,
      message: message(state, latest, uncovered),
      head_seq: headSeq,
      uncovered_events: uncovered,
      latest: latest ? toDto(latest) : null,
      recent: recent.map(toDto),
    };
  }
}

function message(
  state: CheckpointStatusDto['state'],
  latest: SignedCheckpoint | null,
  uncovered: number,
): string {
  switch (state) {
    case 'off':
      return 'Checkpoints are off: no checkpoint was ever signed. Set AUDIT_SIGNING_KEY on the worker so a rewrite of the audit history in the database can be detected.';
    case 'pending':
      return 'No checkpoint yet: the worker signs the first within a minute when AUDIT_SIGNING_KEY is set.';
    case 'overdue':
      return `Checkpoints stopped: ${uncovered} events since seq ${latest?.seq} waited longer than the ${latest?.every_minutes} minutes promised. Is the worker running with AUDIT_SIGNING_KEY?`;
    case 'current':
      return `Signed up to seq ${latest?.seq} with key ${latest?.key_id}.`;
  }
}

function toDto(checkpoint: SignedCheckpoint): CheckpointDto {
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    created_at: checkpoint.created_at,
    key_id: checkpoint.key_id,
    every_events: checkpoint.every_events,
    every_minutes: checkpoint.every_minutes,
    public_key: checkpoint.public_key,
    signature: checkpoint.signature,
  };
}
