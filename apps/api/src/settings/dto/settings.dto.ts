import { ApiProperty } from '@nestjs/swagger';

export class SettingsDto {
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty() organization_name: string;
  @ApiProperty({
    minimum: 1,
    maximum: 3650,
    description: 'Audit events older than this many days are purged daily; the hash chain stays verifiable.',
  })
  audit_retention_days: number;
  @ApiProperty({
    description:
      'The shortest retention that may be set (`AUDIT_RETENTION_MIN_DAYS`); the worker never purges younger events.',
  })
  audit_retention_min_days: number;
}
