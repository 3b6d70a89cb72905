import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

export class UpdateSettingsDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    example: 365,
    description:
      'Owner only. Never below `audit_retention_min_days` (`AUDIT_RETENTION_MIN_DAYS`, 30 by default).',
  })
  // Absent leaves the setting as it is; null is not a number of days (IsOptional would let it through).
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(3650)
  audit_retention_days?: number;

  @ApiPropertyOptional({
    example: 90,
    description:
      'Required when `audit_retention_days` shortens the retention, and equal to it: shortening erases every audit ' +
      'event older than the new period at the next retention run.',
  })
  @IsOptional()
  @IsInt()
  confirm_audit_retention_days?: number;
}
