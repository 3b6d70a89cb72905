import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 365 })
  // Absent leaves the setting as it is; null is not a number of days (IsOptional would let it through).
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(3650)
  audit_retention_days?: number;
}
