import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** One consent: an MCP client acting for a person on one sign-in MCP server, until revoked. */
export class ConnectedAgentDto {
  @ApiProperty({ description: 'Revoking it ends every token the client holds for this consent.' })
  grant_id: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, type: String }) user_email: string | null;
  @ApiProperty() client_id: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The name the client gave when the person consented.',
  })
  client_name: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) server_id: string | null;
  @ApiProperty({ nullable: true, type: String }) server_name: string | null;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ format: 'date-time', description: 'When the person consented.' }) connected_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) first_used_at: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Noted at most once a minute.',
  })
  last_used_at: string | null;
}

export class ListConnectedAgentsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'user_id must be a UUID' })
  user_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'server_id must be a UUID' })
  server_id?: string;
}
