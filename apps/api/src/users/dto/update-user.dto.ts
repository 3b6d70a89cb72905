import { ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@gw/db';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class UpdateUserDto {
  @ApiPropertyOptional({
    enum: ROLES,
    description: 'Owners and admins change roles; only an owner makes or unmakes an owner.',
  })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    description:
      'true ends the user’s sessions and stops its API tokens at once; false lets it sign in again. Nobody disables itself.',
  })
  @IsOptional()
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled?: boolean;
}
