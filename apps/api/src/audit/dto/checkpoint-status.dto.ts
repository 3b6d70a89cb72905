import { ApiProperty } from '@nestjs/swagger';

export const CHECKPOINT_STATES = ['off', 'pending', 'current', 'overdue'] as const;
export type CheckpointState = (typeof CHECKPOINT_STATES)[number];

export class CheckpointDto {
  @ApiProperty({ description: 'The chain position signed' }) seq: number;
  @ApiProperty({ description: 'The hash of the event at seq, as signed' }) hash: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ description: 'First 16 hex digits of the SHA-256 of the signing public key' })
  key_id: string;
  @ApiProperty() every_events: number;
  @ApiProperty() every_minutes: number;
  @ApiProperty({
    description: 'The signer’s Ed25519 public key (PEM); trust a key by its id, from your own copy',
  })
  public_key: string;
  @ApiProperty({ description: 'Ed25519 signature, base64' }) signature: string;
}

export class CheckpointStatusDto {
  @ApiProperty({
    enum: CHECKPOINT_STATES,
    description:
      '`off`: no checkpoint was ever signed though events are waiting (no `AUDIT_SIGNING_KEY` on the worker); `pending`: none yet, the first is due; `current`; `overdue`: the newest events waited longer than promised',
  })
  state: CheckpointState;
  @ApiProperty({ description: 'What the state means for an operator, in a sentence' }) message: string;
  @ApiProperty({ description: 'The newest event of the organization’s chain' }) head_seq: number;
  @ApiProperty({ description: 'Events after the newest checkpoint' }) uncovered_events: number;
  @ApiProperty({ type: CheckpointDto, nullable: true }) latest: CheckpointDto | null;
  @ApiProperty({ type: [CheckpointDto], description: 'The newest checkpoints, newest first (at most 20)' })
  recent: CheckpointDto[];
}
