import { ApiProperty } from '@nestjs/swagger';

export class ClickUpUserDto {
  @ApiProperty({ example: 183 }) id: number;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class WorkspaceDto {
  @ApiProperty({ example: '9011234567' }) id: string;
  @ApiProperty({ example: 'Acme Corp' }) name: string;
}

/** A ClickUp connection as the API shows it: who it acts as and where; never its credential. */
export class ConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['personal_token', 'oauth'] }) type: 'personal_token' | 'oauth';
  @ApiProperty({ type: ClickUpUserDto }) clickup_user: ClickUpUserDto;
  @ApiProperty({ type: [WorkspaceDto] }) workspaces: WorkspaceDto[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Teams whose members may build servers on it (a member sees only its own teams here).',
  })
  team_ids: string[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
