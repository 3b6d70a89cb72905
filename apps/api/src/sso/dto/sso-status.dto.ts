import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_SIGN_IN_MODES, type PasswordSignInMode } from '@gw/db';

/** What the sign-in page needs to know before anyone signed in. */
export class SsoStatusDto {
  @ApiProperty({ description: 'Whether "Sign in with …" is offered.' }) enabled: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Okta',
    description: 'The provider name on the button; null when single sign-on is off.',
  })
  button_label: string | null;
  @ApiProperty({
    enum: PASSWORD_SIGN_IN_MODES,
    description:
      '`break_glass_owners`: the password form is for the owners listed as break-glass accounts only.',
  })
  password_sign_in: PasswordSignInMode;
}
