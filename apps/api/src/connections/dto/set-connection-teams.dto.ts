import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** The whole set of teams whose members may build servers on the connection; an empty list grants it to none. */
export class SetConnectionTeamsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'team_ids must hold team ids' })
  team_ids: string[];
}
