import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() member_count: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class TeamDetailDto extends TeamDto {
  @ApiProperty({ type: [TeamMemberDto] }) members: TeamMemberDto[];
}
