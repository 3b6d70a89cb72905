import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_SIGN_IN_MODES, type PasswordSignInMode } from '@gw/db';
import { ArrayMaxSize, IsArray, IsIn, IsUUID } from 'class-validator';

export class UpdatePasswordSignInDto {
  @ApiProperty({
    enum: PASSWORD_SIGN_IN_MODES,
    description: '`break_glass_owners` needs single sign-on configured and at least one break-glass owner.',
  })
  @IsIn(PASSWORD_SIGN_IN_MODES, { message: `mode must be one of ${PASSWORD_SIGN_IN_MODES.join(', ')}` })
  mode: PasswordSignInMode;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Active owners who keep password sign-in.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  break_glass_user_ids: string[];
}
