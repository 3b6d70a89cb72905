import { ApiProperty } from '@nestjs/swagger';
import { ClickUpUserDto, WorkspaceDto } from '../../connections/dto/connection.dto';

/** The signed-in person's own ClickUp account as the gateway holds it; never its token. */
export class MyClickUpAccountDto {
  @ApiProperty() linked: boolean;
  @ApiProperty({ type: ClickUpUserDto, nullable: true }) clickup_user: ClickUpUserDto | null;
  @ApiProperty({
    type: [WorkspaceDto],
    description: 'The workspaces the token reaches (ticked on the consent page).',
  })
  workspaces: WorkspaceDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) linked_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
}
