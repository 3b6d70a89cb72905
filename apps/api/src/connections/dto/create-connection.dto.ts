import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateConnectionDto {
  @ApiProperty({ example: 'Acme workspace', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    enum: ['personal_token'],
    description: 'OAuth connections are made through `GET /api/v1/connections/oauth/start`.',
  })
  @IsIn(['personal_token'], {
    message: 'type must be "personal_token" (OAuth goes through /connections/oauth/start)',
  })
  type: 'personal_token';

  @ApiProperty({ writeOnly: true, example: 'pk_12345_ABCDEF', description: 'A ClickUp personal API token.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  // It travels in the Authorization header, which carries no other characters.
  @Matches(/^[\x21-\x7e]+$/, {
    message: 'token must be printable ASCII without spaces, as ClickUp personal tokens are (pk_…)',
  })
  token: string;
}
