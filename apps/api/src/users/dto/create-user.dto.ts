import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'dana@example.com' })
  @IsEmail({ require_tld: false })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Dana Scully', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    writeOnly: true,
    minLength: 12,
    description: 'Without it a password is generated and shown once in the answer.',
  })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;
}
