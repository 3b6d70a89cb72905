import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_SINK_KINDS, type AuditSinkKind } from '@gw/db';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches } from 'class-validator';

export const SINK_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const NAME_MESSAGE =
  'name must be 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit (it labels the sink’s metrics)';
export const SINK_STARTS = ['oldest', 'now'] as const;

export const SETTINGS_DESCRIPTION = [
  '`webhook`: `{url}` (https; http only to a loopback host).',
  '`syslog`: `{host, port, tls?: true, ca_pem?, facility?: 13, app_name?: "clickup-mcp-gateway"}` (RFC 5424 with octet-counting framing over TCP; TLS unless the host is loopback).',
  '`otlp`: `{endpoint, service_name?: "clickup-mcp-gateway"}`; logs go to `<endpoint>/v1/logs` as OTLP/HTTP JSON.',
].join(' ');

/** `POST /audit/sinks`. */
export class CreateAuditSinkDto {
  @ApiProperty({ example: 'splunk', pattern: SINK_NAME_PATTERN.source })
  @IsString({ message: NAME_MESSAGE })
  @Matches(SINK_NAME_PATTERN, { message: NAME_MESSAGE })
  name: string;

  @ApiProperty({ enum: AUDIT_SINK_KINDS })
  @IsIn(AUDIT_SINK_KINDS, { message: `kind must be one of ${AUDIT_SINK_KINDS.join(', ')}` })
  kind: AuditSinkKind;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { url: 'https://siem.example.com/gateway-audit' },
    description: SETTINGS_DESCRIPTION,
  })
  @IsObject({ message: 'settings must be an object' })
  settings: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { authorization: 'Bearer …' },
    description:
      '`otlp` only: headers sent with every request (a collector’s API key). Sealed at rest, never shown again.',
  })
  @IsOptional()
  @IsObject({ message: 'headers must be an object of header names to values' })
  headers?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: SINK_STARTS,
    default: 'oldest',
    description: '`oldest`: from the oldest kept audit event. `now`: only events recorded from now on.',
  })
  @IsOptional()
  @IsIn(SINK_STARTS, { message: `start must be one of ${SINK_STARTS.join(', ')}` })
  start?: (typeof SINK_STARTS)[number];

  @ApiPropertyOptional({
    default: false,
    description: 'Create it paused: nothing is sent until it is resumed.',
  })
  @IsOptional()
  @IsBoolean({ message: 'paused must be true or false' })
  paused?: boolean;
}
