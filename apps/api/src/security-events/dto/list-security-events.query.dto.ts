import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SECURITY_EVENT_REASONS, type SecurityEventReason } from '../security-event-reason';

export class ListSecurityEventsQueryDto {
  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'ISO-8601, exclusive' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ enum: SECURITY_EVENT_REASONS })
  @IsOptional()
  @IsIn(SECURITY_EVENT_REASONS, { message: `reason must be one of ${SECURITY_EVENT_REASONS.join(', ')}` })
  reason?: SecurityEventReason;
  @ApiPropertyOptional({ description: 'Exact client address, or `other` for the overflow bucket' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ip?: string;
  @ApiPropertyOptional({ description: 'A next_cursor from a previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a next_cursor from a previous page' })
  cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
