import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class SsoGroupRuleInput {
  @ApiProperty({ example: 'gateway-admins' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  group: string;

  @ApiProperty({ enum: ROLES, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}, or null` })
  role: Role | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  team_ids: string[];
}

export class UpdateSsoGroupRulesDto {
  @ApiProperty({
    type: [SsoGroupRuleInput],
    description: 'The whole mapping, in order: the first matching rule with a role decides the role.',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SsoGroupRuleInput)
  rules: SsoGroupRuleInput[];
}
