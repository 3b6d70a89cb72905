import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SECURITY_EVENT_REASONS } from '../security-event-reason';

export class SecurityEventDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the minute the refusals fell in' })
  minute: string;
  @ApiProperty({ example: '203.0.113.7', description: 'Client address, or `other` past the per-flush cap' })
  ip: string;
  @ApiProperty({ enum: SECURITY_EVENT_REASONS }) reason: string;
  @ApiProperty({ description: 'Refusals in that minute' }) count: number;
}

export class SecurityEventPageDto {
  @ApiProperty({ type: [SecurityEventDto] }) items: SecurityEventDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next (older) page',
  })
  next_cursor: string | null;
}
