import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'user_id must be a user id' })
  user_id: string;
}
