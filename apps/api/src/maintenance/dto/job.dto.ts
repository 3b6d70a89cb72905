import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EnqueuedJobDto {
  @ApiProperty() job_id: string;
}

export class JobStatusDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: [
      'waiting',
      'delayed',
      'active',
      'completed',
      'failed',
      'prioritized',
      'waiting-children',
      'unknown',
    ],
  })
  state: string;
  @ApiProperty() attempts_made: number;
  @ApiPropertyOptional() result?: unknown;
  @ApiPropertyOptional() failed_reason?: string;
  @ApiProperty() created_at: string;
  @ApiPropertyOptional() finished_at?: string;
}
