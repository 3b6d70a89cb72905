import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const CONSENT_DECISIONS = ['allow', 'deny'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export class DecideInteractionDto {
  @ApiProperty({ enum: CONSENT_DECISIONS })
  @IsIn(CONSENT_DECISIONS, { message: `decision must be one of ${CONSENT_DECISIONS.join(', ')}` })
  decision: ConsentDecision;
}
