import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_SINK_KINDS } from '@gw/db';

export const SINK_STATES = ['paused', 'failing', 'catching_up', 'up_to_date'] as const;
export type SinkState = (typeof SINK_STATES)[number];

/** The test message an admin asked for, and how it went. */
export class AuditSinkTestDto {
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) requested_at: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Null while it waits for the worker.',
  })
  tested_at: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why the test was not acknowledged; null when it was.',
  })
  error: string | null;
}

/** An audit sink as owners and admins see it: secrets only by a hint. */
export class AuditSinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'splunk' }) name: string;
  @ApiProperty({ enum: AUDIT_SINK_KINDS }) kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: Record<string, unknown>;
  @ApiProperty({
    enum: SINK_STATES,
    description:
      '`failing`: the last delivery was not acknowledged and is being retried; `catching_up`: events wait to be sent.',
  })
  state: SinkState;
  @ApiProperty() paused: boolean;
  @ApiProperty({ description: 'The last seq of the organization’s chain the receiver acknowledged.' })
  cursor_seq: number;
  @ApiProperty({ description: 'The newest seq of the organization’s chain.' }) head_seq: number;
  @ApiProperty({ description: 'Events not acknowledged yet.' }) lag_events: number;
  @ApiProperty({
    description: 'Age of the oldest event not acknowledged yet, in seconds; 0 when up to date.',
  })
  lag_seconds: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) delivered_at: string | null;
  @ApiProperty({ description: 'Failed attempts since the last acknowledged delivery.' }) failures: number;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 503 Service Unavailable' }) last_error:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_error_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next_attempt_at: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'whsec_…x9Qa',
    description: '`webhook`: the signing secret’s hint.',
  })
  secret_hint: string | null;
  @ApiProperty({
    type: [String],
    description: '`otlp`: the names of the headers sent (their values are never shown).',
  })
  header_names: string[];
  @ApiProperty({ type: AuditSinkTestDto }) test: AuditSinkTestDto;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** The answer to creating a webhook sink or rotating its secret: the secret, once. */
export class SavedAuditSinkDto extends AuditSinkDto {
  @ApiPropertyOptional({
    example: 'whsec_9bKq2…',
    description: 'The signing secret, in this answer only. Verify `X-Gateway-Signature` with it.',
  })
  secret?: string;
}

export class AuditSinkListDto {
  @ApiProperty({ type: [AuditSinkDto] }) items: AuditSinkDto[];
}
