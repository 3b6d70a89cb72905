import { ApiProperty } from '@nestjs/swagger';

export class DailyCallsDto {
  @ApiProperty({ example: '2025-06-01', description: 'UTC day.' }) date: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { tasks: 12, comments: 3 },
    description: 'tools/call requests per tool group (a tool counts under its first tag).',
  })
  by_group: Record<string, number>;
  @ApiProperty() calls: number;
  @ApiProperty() denied: number;
  @ApiProperty() error: number;
  @ApiProperty() queued: number;
}

export class CallTotalsDto {
  @ApiProperty() calls: number;
  @ApiProperty() ok: number;
  @ApiProperty() denied: number;
  @ApiProperty() error: number;
  @ApiProperty() queued: number;
  @ApiProperty({ description: 'denied / calls, 0 when there were no calls.' }) denied_rate: number;
  @ApiProperty({ description: 'error / calls, 0 when there were no calls.' }) error_rate: number;
}

export class QueueDepthDto {
  @ApiProperty() waiting: number;
  @ApiProperty() delayed: number;
  @ApiProperty() active: number;
  @ApiProperty() failed: number;
}

export class ServerCountsDto {
  @ApiProperty() active: number;
  @ApiProperty() expiring_soon: number;
  @ApiProperty() expired: number;
  @ApiProperty() revoked: number;
}

export class OverviewDto {
  @ApiProperty({
    type: [DailyCallsDto],
    description: 'Oldest first, one entry per day, empty days included.',
  })
  days: DailyCallsDto[];
  @ApiProperty({ type: [String], description: 'Tool groups seen in the window, busiest first.' })
  groups: string[];
  @ApiProperty({ type: CallTotalsDto }) totals: CallTotalsDto;
  @ApiProperty({
    type: QueueDepthDto,
    nullable: true,
    description: 'Null when the queue store did not answer.',
  })
  queue: QueueDepthDto | null;
  @ApiProperty({ type: ServerCountsDto }) servers: ServerCountsDto;
}
