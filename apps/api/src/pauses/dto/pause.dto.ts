import { ApiProperty } from '@nestjs/swagger';
import { PAUSE_QUEUED, PAUSE_SCOPES, type PauseQueued, type PauseScope } from '@gw/db';

export class PauseTargetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null when the team or connection no longer exists.',
  })
  name: string | null;
}

export class PausePersonDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for an API token without a user.',
  })
  user_id: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

export class PauseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PAUSE_SCOPES }) scope: PauseScope;
  @ApiProperty({ type: PauseTargetDto }) target: PauseTargetDto;
  @ApiProperty() reason: string;
  @ApiProperty({ type: PausePersonDto }) created_by: PausePersonDto;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null while the pause is in force.',
  })
  resumed_at: string | null;
  @ApiProperty({ type: PausePersonDto, nullable: true }) resumed_by: PausePersonDto | null;
  @ApiProperty({ type: String, nullable: true }) resume_reason: string | null;
  @ApiProperty({
    enum: PAUSE_QUEUED,
    description: 'The queued calls of its scope: held while it lasts, then resumed or discarded.',
  })
  queued: PauseQueued;
}

export class PauseListDto {
  @ApiProperty({ type: [PauseDto] }) items: PauseDto[];
}
