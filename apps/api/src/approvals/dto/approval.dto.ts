import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPROVAL_STATES, type ApprovalState } from '@gw/db';

export class ApprovalServerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ApprovalRequesterDto {
  @ApiProperty({
    enum: ['person', 'server'],
    description:
      '`person`: a signed-in person at a sign-in URL; `server`: the server’s secret URL, which names nobody.',
  })
  kind: 'person' | 'server';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The OAuth client acting for the person.' })
  oauth_client_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The MCP client’s own name for itself.' })
  client_name: string | null;
}

export class ApprovalDecisionDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision: 'approve' | 'reject';
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ApprovalApproversDto {
  @ApiPropertyOptional({ format: 'uuid' }) team_id?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) user_ids?: string[];
}

/** A tool call held for a person's approval, as the console shows it. */
export class ApprovalDto {
  @ApiProperty({ format: 'uuid', description: 'Also the id of the job that runs the call once approved.' })
  id: string;
  @ApiProperty({
    enum: APPROVAL_STATES,
    description:
      '`executed`: the approved call ran through the queue, `result` is its envelope (ok or not). A pending ' +
      'request past `expires_at` reads as `expired`.',
  })
  state: ApprovalState;
  @ApiProperty({ type: ApprovalServerDto }) server: ApprovalServerDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) team_id: string | null;
  @ApiProperty({ example: 'task_delete' }) tool: string;
  @ApiProperty({ type: Object, description: 'The arguments exactly as the call will run with them.' })
  arguments: Record<string, unknown>;
  @ApiProperty({ type: ApprovalRequesterDto }) requested_by: ApprovalRequesterDto;
  @ApiProperty({
    type: Object,
    description:
      'What the call would do, read from ClickUp when it was made: `{kind, summary, target?, changes?, proposed?, ' +
      'location?, counts?, tasks_touched?, unavailable?}`.',
  })
  preview: Record<string, unknown>;
  @ApiProperty({ enum: [1, 2], description: 'Approvals by different people the call needs.' })
  approvals_required: number;
  @ApiProperty({
    type: ApprovalApproversDto,
    nullable: true,
    description:
      'Who may decide, as the server’s policy named them; null: the organization’s owners and admins.',
  })
  approvers: ApprovalApproversDto | null;
  @ApiProperty({ type: [ApprovalDecisionDto] }) decisions: ApprovalDecisionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The deciding comment, or why it ended.' })
  comment: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decided_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) executed_at: string | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'The call’s envelope `{ok, result, issues}` once executed.',
  })
  result: Record<string, unknown> | null;
  @ApiProperty({ description: 'Whether the caller of this request may approve or reject it now.' })
  can_decide: boolean;
  @ApiPropertyOptional({ description: 'Why not, when `can_decide` is false.' })
  why_not?: string;
}

export class ApprovalListDto {
  @ApiProperty({ type: [ApprovalDto] }) items: ApprovalDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page.' })
  next_cursor: string | null;
}

export class ApprovalsSummaryDto {
  @ApiProperty({ description: 'Pending requests the caller can see.' }) pending: number;
  @ApiProperty({ description: 'Pending requests the caller may decide now (the navigation’s count).' })
  pending_for_me: number;
}
