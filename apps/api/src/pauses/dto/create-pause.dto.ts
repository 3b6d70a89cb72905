import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { PAUSE_SCOPES, type PauseScope } from '@gw/db';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';

export const REASON_MAX_LENGTH = 500;

export class CreatePauseDto {
  @ApiProperty({
    enum: PAUSE_SCOPES,
    description: 'What to pause: the whole organization, one team or one connection.',
  })
  @IsIn(PAUSE_SCOPES, { message: `scope must be one of ${PAUSE_SCOPES.join(', ')}` })
  scope: PauseScope;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The team's or connection's id; omitted (or the organization's own id) for the organization.",
  })
  @ValidateIf((body: CreatePauseDto) => body.scope !== 'organization' || body.id !== undefined)
  @IsUUID('all', { message: 'id must be the UUID of a team or connection of the organization' })
  id?: string;

  @ApiProperty({ maxLength: REASON_MAX_LENGTH, example: 'An agent is deleting tasks it should not.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason must be a string' })
  @IsNotEmpty({ message: 'reason is required: say why MCP access is paused' })
  @MaxLength(REASON_MAX_LENGTH, { message: `reason must be at most ${REASON_MAX_LENGTH} characters` })
  reason: string;
}
