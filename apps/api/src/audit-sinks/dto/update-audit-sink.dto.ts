import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { SETTINGS_DESCRIPTION, SINK_NAME_PATTERN } from './create-audit-sink.dto';

const NAME_MESSAGE =
  'name must be 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit';

/** `PATCH /audit/sinks/{id}`: what is given changes; the cursor stays, so a new destination continues the stream. */
export class UpdateAuditSinkDto {
  @ApiPropertyOptional({ example: 'splunk', pattern: SINK_NAME_PATTERN.source })
  @IsOptional()
  @IsString({ message: NAME_MESSAGE })
  @Matches(SINK_NAME_PATTERN, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ description: 'Pause (nothing is sent, the cursor stays) or resume.' })
  @IsOptional()
  @IsBoolean({ message: 'paused must be true or false' })
  paused?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `The whole settings of the sink’s kind. ${SETTINGS_DESCRIPTION}`,
  })
  @IsOptional()
  @IsObject({ message: 'settings must be an object' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: '`otlp` only: replaces the headers sent with every request.',
  })
  @IsOptional()
  @IsObject({ message: 'headers must be an object of header names to values' })
  headers?: Record<string, unknown>;

  @ApiPropertyOptional({
    default: false,
    description: '`webhook` only: replace the signing secret; the answer carries the new one, once.',
  })
  @IsOptional()
  @IsBoolean({ message: 'rotate_secret must be true or false' })
  rotate_secret?: boolean;
}
