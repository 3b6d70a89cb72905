import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const COMMENT_MAX = 2000;

export class ApproveApprovalDto {
  @ApiPropertyOptional({ maxLength: COMMENT_MAX, example: 'Checked with the team: fine.' })
  @IsOptional()
  @IsString({ message: 'comment must be text' })
  @MaxLength(COMMENT_MAX, { message: `comment must be at most ${COMMENT_MAX} characters` })
  comment?: string;
}

export class RejectApprovalDto {
  @ApiProperty({
    maxLength: COMMENT_MAX,
    example: 'This task is still in use; close it instead.',
    description: 'Why: the agent is told, and can tell its user.',
  })
  @IsString({ message: 'comment is required to reject: say why' })
  @Matches(/\S/, { message: 'comment is required to reject: say why' })
  @MaxLength(COMMENT_MAX, { message: `comment must be at most ${COMMENT_MAX} characters` })
  comment: string;
}
