import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AUDIT_OUTCOMES } from '@gw/db';

export class AuditFiltersDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() server_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() team_id?: string;
  @ApiPropertyOptional({ example: 'task_create' }) @IsOptional() @IsString() @MaxLength(100) tool?: string;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: string;
  @ApiPropertyOptional({ example: 'mcp:…, user:…, token:…' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The person the actions were for: a signed-in user of a sign-in MCP server (`actor_user_id`)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'actor_user_id must be a user id' })
  actor_user_id?: string;
  @ApiPropertyOptional({ description: 'Exact action, e.g. tools/call or mcp_servers.create' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;
  @ApiPropertyOptional({ description: 'MCP client name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client?: string;
  @ApiPropertyOptional({
    description:
      'Every row of one queued call, or of one approval request and the call it ran (the approval id is its job id)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  job_id?: string;
  @ApiPropertyOptional({ description: 'ISO-8601, inclusive' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'ISO-8601, exclusive' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: 'Text in the arguments (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class AuditListQueryDto extends AuditFiltersDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,19}$/, { message: 'cursor must be a next_cursor from a previous page' })
  cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditExportQueryDto extends AuditFiltersDto {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'jsonl' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';
}

/** The WHERE clause of one organization's events under the given filters, with its parameters. */
export function whereClause(organizationId: string, f: AuditFiltersDto): { sql: string; params: unknown[] } {
  const params: unknown[] = [organizationId];
  const conditions = ['organization_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (f.server_id) add('server_id = ?', f.server_id);
  if (f.team_id) add('team_id = ?', f.team_id);
  if (f.tool) add('tool = ?', f.tool);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.actor) add('actor = ?', f.actor);
  if (f.actor_user_id) add('actor_user_id = ?', f.actor_user_id);
  if (f.action) add('action = ?', f.action);
  if (f.client) add('client_name = ?', f.client);
  if (f.job_id) add('job_id = ?', f.job_id);
  if (f.from) add('at >= ?', new Date(f.from));
  if (f.to) add('at < ?', new Date(f.to));
  if (f.q) add('arguments::text ILIKE ?', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { sql: conditions.join(' AND '), params };
}
