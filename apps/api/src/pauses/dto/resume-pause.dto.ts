import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { REASON_MAX_LENGTH } from './create-pause.dto';

export const QUEUED_ON_RESUME = ['resume', 'discard'] as const;
export type QueuedOnResume = (typeof QUEUED_ON_RESUME)[number];

export class ResumePauseDto {
  @ApiProperty({ maxLength: REASON_MAX_LENGTH, example: 'The agent is fixed.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason must be a string' })
  @IsNotEmpty({ message: 'reason is required: say why MCP access is resumed' })
  @MaxLength(REASON_MAX_LENGTH, { message: `reason must be at most ${REASON_MAX_LENGTH} characters` })
  reason: string;

  @ApiPropertyOptional({
    enum: QUEUED_ON_RESUME,
    default: 'resume',
    description:
      'The queued calls the pause held: `resume` runs them now; `discard` cancels those that changed nothing in ClickUp yet.',
  })
  @IsOptional()
  @IsIn(QUEUED_ON_RESUME, { message: `queued must be one of ${QUEUED_ON_RESUME.join(', ')}` })
  queued?: QueuedOnResume;
}
