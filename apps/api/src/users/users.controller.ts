import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { CreateUserDto } from './dto/create-user.dto';
import { PasswordResetLinkDto } from './dto/password-reset-link.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('owner', 'admin', 'auditor')
  @ApiOperation({ summary: 'Users of the organization.' })
  @ApiOkResponse({ type: [UserDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<UserDto[]> {
    return this.users.list(principal);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary: 'Create a user. Without a password, one is generated and shown once in the answer.',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ description: 'The email is taken.' })
  @ApiForbiddenResponse({ description: 'The role is above the caller’s own.' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(principal, body);
  }

  @Patch(':id')
  @Roles('owner', 'admin')
  @ApiOperation({
    summary:
      'Change a user’s role or disable it (its sessions and API tokens stop at once) or enable it again.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ description: 'Neither role nor disabled was sent, or a value is invalid.' })
  @ApiForbiddenResponse({
    description: 'An admin changing an owner or making one, a role above the caller’s, or disabling oneself.',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The last active owner can be neither demoted nor disabled.' })
  update(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'user') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(principal, id, body);
  }

  @Post(':id/password-reset')
  @Roles('owner', 'admin')
  @Audited('users.password_reset')
  @ApiOperation({
    summary:
      'Make a one-time password-reset link for the user (valid one hour), shown once; it replaces any earlier link.',
  })
  @ApiCreatedResponse({ type: PasswordResetLinkDto })
  @ApiForbiddenResponse({ description: 'An admin resetting an owner.' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The user is disabled.' })
  createPasswordReset(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id', 'user') id: string,
  ): Promise<PasswordResetLinkDto> {
    return this.users.createPasswordReset(principal, id);
  }
}
