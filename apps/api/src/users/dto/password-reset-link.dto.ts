import { ApiProperty } from '@nestjs/swagger';

export class PasswordResetLinkDto {
  @ApiProperty({
    description:
      'Hand it to the user: it sets a new password once, within the hour. Shown this once; only its hash is stored.',
    example: 'https://gateway.example.com/reset-password#token=gwr_…',
  })
  reset_url: string;

  @ApiProperty({ format: 'date-time' }) expires_at: string;
}
