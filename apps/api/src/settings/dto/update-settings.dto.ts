import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  audit_retention_days?: number;
}
