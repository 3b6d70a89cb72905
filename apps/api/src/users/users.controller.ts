import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CreateUserDto } from './dto/create-user.dto';
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
}
