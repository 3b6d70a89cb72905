import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String], description: 'Ids of the teams the user belongs to.' }) team_ids: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'Linked to the single sign-on provider: has signed in through it.' })
  sso: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({
    description: 'Only when the password was generated: shown this once, stored hashed.',
  })
  password?: string;
}
