import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';

export class SessionUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class SessionOrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
  @ApiProperty({ type: SessionOrganizationDto }) organization: SessionOrganizationDto;
  @ApiPropertyOptional({
    description: 'Send it back in the x-csrf-token header on every change (login answer only).',
  })
  csrf_token?: string;
}
