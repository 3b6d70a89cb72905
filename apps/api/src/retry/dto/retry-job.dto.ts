import { ApiProperty } from '@nestjs/swagger';
import { RETRY_JOB_STATES, type RetryJobState } from '@gw/mcp-tools';

export class RetryJobWriteDto {
  @ApiProperty({ example: 'createTask' }) operation: string;
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ example: '/list/901400000001/task' }) path: string;
  @ApiProperty({
    enum: ['done', 'unknown', 'not_applied'],
    description:
      '`unknown`: sent, and no answer said whether it was applied (a create is checked before any resend).',
  })
  state: string;
}

/** A queued tool call (CONTRACTS §6), as admins review it. */
export class RetryJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: RETRY_JOB_STATES,
    description: '`failed` means dead-lettered after its last attempt.',
  })
  state: RetryJobState;
  @ApiProperty({ example: 'task_create' }) tool: string;
  @ApiProperty({ format: 'uuid' }) server_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) team_id: string | null;
  @ApiProperty({ enum: ['rate_limit', 'upstream_error'] }) reason: string;
  @ApiProperty() attempts: number;
  @ApiProperty() max_attempts: number;
  @ApiProperty({ format: 'date-time' }) queued_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next_attempt_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ description: "The tool's arguments, secrets redacted." }) arguments: unknown;
  @ApiProperty({ type: [RetryJobWriteDto], description: 'The changes the call made or tried, in order.' })
  writes: RetryJobWriteDto[];
  @ApiProperty({
    nullable: true,
    description: "The call's own envelope `{ok, result, issues}`, once completed.",
  })
  result: unknown;
}

export class RetryJobListDto {
  @ApiProperty({ type: [RetryJobDto] }) items: RetryJobDto[];
}
