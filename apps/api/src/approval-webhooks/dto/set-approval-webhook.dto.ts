import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsOptional,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from '../webhook-url.policy';

@ValidatorConstraint({ name: 'webhookUrl' })
class WebhookUrlConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return webhookUrlProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return webhookUrlProblem(args.value) ?? 'url is invalid';
  }
}

/** `PUT /teams/{id}/approval-webhook`: sets the whole webhook; the first PUT creates it with a new secret. */
export class SetApprovalWebhookDto {
  @ApiProperty({
    example: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX',
    maxLength: WEBHOOK_URL_MAX_LENGTH,
    description:
      'Where notifications are POSTed: http or https, no user name or password, no fragment. Private and loopback addresses are allowed (only owners and admins set it).',
  })
  @Validate(WebhookUrlConstraint)
  url: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Off: nothing is sent. Absent: on for a new webhook, unchanged otherwise.',
  })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Replace the signing secret; the answer carries the new one, once. Retries of pending deliveries are signed with it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'rotate_secret must be true or false' })
  rotate_secret?: boolean;
}
