import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';

export const API_TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type ApiTokenState = (typeof API_TOKEN_STATES)[number];

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({
    description: 'The first characters of the token, to tell tokens apart.',
    example: 'cgw_Xk3a9Q',
  })
  token_prefix: string;
  @ApiProperty({ enum: API_TOKEN_STATES }) state: ApiTokenState;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) created_by_user_id: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    description: 'Send as `Authorization: Bearer …`. Shown this once; only its SHA-256 is stored.',
  })
  token: string;
}
