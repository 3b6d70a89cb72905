import { ApiProperty } from '@nestjs/swagger';
import { ClickUpUserDto, WorkspaceDto } from '../../connections/dto/connection.dto';

/** Who has linked a ClickUp account, as admins see it; never the token. */
export class LinkedAccountDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() user_email: string;
  @ApiProperty() user_name: string;
  @ApiProperty({ type: ClickUpUserDto }) clickup_user: ClickUpUserDto;
  @ApiProperty({ type: [WorkspaceDto] }) workspaces: WorkspaceDto[];
  @ApiProperty({ format: 'date-time' }) linked_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
}
