import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { APPROVAL_NOTIFICATION_EVENTS } from '@gw/queue';

export const DELIVERY_STATES = ['pending', 'completed', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export class ListWebhookDeliveriesQueryDto {
  @ApiPropertyOptional({
    enum: DELIVERY_STATES,
    description: '`failed`: the dead letters. Omitted: every state.',
  })
  @IsOptional()
  @IsIn(DELIVERY_STATES, { message: `state must be one of ${DELIVERY_STATES.join(', ')}` })
  state?: DeliveryState;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 200' })
  @Min(1, { message: 'limit must be an integer from 1 to 200' })
  @Max(200, { message: 'limit must be an integer from 1 to 200' })
  limit?: number;
}

/** One notification to the team's webhook, with how its attempts went. */
export class WebhookDeliveryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Also sent as `X-Gateway-Delivery`, the same on every attempt.',
  })
  id: string;
  @ApiProperty({ enum: APPROVAL_NOTIFICATION_EVENTS }) event: string;
  @ApiProperty({
    enum: DELIVERY_STATES,
    description: '`pending`: waiting for its first or next attempt. `failed`: dead-lettered.',
  })
  state: DeliveryState;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approval_id: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'task_delete' }) tool: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty() max_attempts: number;
  @ApiProperty({ nullable: true, type: Number, description: "The receiver's last HTTP status." })
  last_status: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'HTTP 503 Service Unavailable',
    description: 'Why the last attempt failed: the clipped status line, or what went wrong.',
  })
  last_error: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_attempt_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next_attempt_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at: string | null;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
}
