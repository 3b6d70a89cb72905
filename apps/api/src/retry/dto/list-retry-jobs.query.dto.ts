import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RETRY_JOB_STATES, type RetryJobState } from '@gw/mcp-tools';

export class ListRetryJobsQueryDto {
  @ApiPropertyOptional({ enum: RETRY_JOB_STATES, description: 'Omitted: every state.' })
  @IsOptional()
  @IsIn(RETRY_JOB_STATES, { message: `state must be one of ${RETRY_JOB_STATES.join(', ')}` })
  state?: RetryJobState;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 200' })
  @Min(1, { message: 'limit must be an integer from 1 to 200' })
  @Max(200, { message: 'limit must be an integer from 1 to 200' })
  limit?: number;
}
