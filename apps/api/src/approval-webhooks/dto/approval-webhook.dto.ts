import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A team's approval webhook as owners and admins see it: the signing secret only by its last characters. */
export class ApprovalWebhookDto {
  @ApiProperty({ format: 'uuid' }) team_id: string;
  @ApiProperty({ example: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX' }) url: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({
    example: 'whsec_…x9Qa',
    description: 'The prefix and the last four characters of the signing secret.',
  })
  secret_hint: string;
  @ApiProperty({ format: 'date-time', description: 'When the current secret was issued.' })
  secret_created_at: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** The answer to `PUT`: with `secret` when this call created the webhook or rotated its secret. */
export class SavedApprovalWebhookDto extends ApprovalWebhookDto {
  @ApiPropertyOptional({
    example: 'whsec_9bKq2…',
    description:
      'The new signing secret, in this answer only: the gateway cannot show it again. Verify `X-Gateway-Signature` with it.',
  })
  secret?: string;
}
