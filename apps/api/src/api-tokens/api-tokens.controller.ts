import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import { CreateApiTokenDto } from './dto/create-api-token.dto';

@ApiTags('api-tokens')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'API tokens (a member sees its own). Never the tokens themselves.' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return this.tokens.list(principal);
  }

  @Post()
  @Roles('owner', 'admin', 'member')
  @ApiOperation({
    summary: 'Create an API token (`cgw_…`), shown once. Its role cannot exceed the caller’s.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiForbiddenResponse({ description: 'The role is above the caller’s own.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(principal, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('owner', 'admin', 'member')
  @ApiOperation({ summary: 'Revoke an API token; it stops working at once.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(@CurrentPrincipal() principal: Principal, @IdParam('id', 'API token') id: string): Promise<void> {
    return this.tokens.revoke(principal, id);
  }
}
