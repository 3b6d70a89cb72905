import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPROVAL_MODES,
  DEFAULT_APPROVAL_TTL_MINUTES,
  MAX_APPROVAL_TTL_MINUTES,
  type ApprovalMode,
} from '@gw/tool-filters';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const TOOLS_MAX = 200;
const APPROVERS_MAX = 500;

export class ApproversInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A team whose members may decide.' })
  @IsOptional()
  @IsUUID('all', { message: 'config.approval.approvers.team_id must be a team id' })
  team_id?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'People who may decide.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(APPROVERS_MAX)
  @IsUUID('all', { each: true, message: 'config.approval.approvers.user_ids must hold user ids' })
  user_ids?: string[];
}

/** Which calls wait for a person's approval before they run (docs/approvals.md). */
export class ApprovalPolicyInputDto {
  @ApiProperty({
    enum: APPROVAL_MODES,
    description:
      '`none`: nothing waits. `destructive`: every delete tool, and the tools listed in `tools`. `writes`: every ' +
      'tool that changes ClickUp. `tools`: exactly the tools listed in `tools`.',
  })
  @IsIn(APPROVAL_MODES, { message: `config.approval.mode must be one of ${APPROVAL_MODES.join(', ')}` })
  mode: ApprovalMode;

  @ApiPropertyOptional({
    type: [String],
    example: ['task_update'],
    description:
      'Tool names: the tools that wait in mode `tools`, or wait besides every delete in `destructive`.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TOOLS_MAX)
  @IsString({ each: true, message: 'config.approval.tools must hold tool names' })
  tools?: string[];

  @ApiPropertyOptional({
    type: ApproversInputDto,
    description: 'Who may decide. Absent: the organization’s owners and admins.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApproversInputDto)
  approvers?: ApproversInputDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['space_delete'],
    description: 'Tools whose calls need a second approval by a different person.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TOOLS_MAX)
  @IsString({ each: true, message: 'config.approval.second_approver_tools must hold tool names' })
  second_approver_tools?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    description:
      'Only calls touching more than this many tasks wait, as read from ClickUp (a task with its subtasks, a ' +
      'list with its tasks); a call whose count cannot be read waits. Absent: every call of a held tool waits.',
  })
  @IsOptional()
  @IsInt({ message: 'config.approval.min_tasks must be a whole number of tasks, at least 1' })
  @Min(1, { message: 'config.approval.min_tasks must be a whole number of tasks, at least 1' })
  @Max(1_000_000)
  min_tasks?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_APPROVAL_TTL_MINUTES,
    default: DEFAULT_APPROVAL_TTL_MINUTES,
    description: 'Minutes a request waits for a decision before it expires.',
  })
  @IsOptional()
  @IsInt({
    message: `config.approval.ttl_minutes must be whole minutes from 1 to ${MAX_APPROVAL_TTL_MINUTES}`,
  })
  @Min(1, {
    message: `config.approval.ttl_minutes must be whole minutes from 1 to ${MAX_APPROVAL_TTL_MINUTES}`,
  })
  @Max(MAX_APPROVAL_TTL_MINUTES, {
    message: `config.approval.ttl_minutes must be whole minutes from 1 to ${MAX_APPROVAL_TTL_MINUTES}`,
  })
  ttl_minutes?: number;
}

export class ApproversDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) team_id: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) user_ids: string[];
}

/** A server's approval policy as read, with its defaults filled in. */
export class ApprovalPolicyDto {
  @ApiProperty({ enum: APPROVAL_MODES }) mode: ApprovalMode;
  @ApiProperty({ type: [String] }) tools: string[];
  @ApiProperty({
    type: ApproversDto,
    nullable: true,
    description: 'Null: the organization’s owners and admins decide.',
  })
  approvers: ApproversDto | null;
  @ApiProperty({ type: [String] }) second_approver_tools: string[];
  @ApiProperty({ type: Number, nullable: true }) min_tasks: number | null;
  @ApiProperty() ttl_minutes: number;
}
