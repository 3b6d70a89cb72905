import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { IdParam } from '../common/decorators/id-param.decorator';
import { LinkedAccountDto } from './dto/linked-account.dto';
import { LinkedAccountsService } from './linked-accounts.service';

/** Everyone's linked ClickUp accounts, for owners and admins. */
@ApiTags('linked ClickUp accounts')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/clickup-accounts')
export class ClickUpAccountsController {
  constructor(private readonly accounts: LinkedAccountsService) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({
    summary:
      'Who has linked a ClickUp account: the person, their ClickUp user, when, and when it was last used.',
  })
  @ApiOkResponse({ type: [LinkedAccountDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<LinkedAccountDto[]> {
    return this.accounts.list(principal);
  }

  @Delete(':user_id')
  @HttpCode(204)
  @Audited('clickup_accounts.unlink_person')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: "Unlink a person's ClickUp account: servers acting as them stop at once." })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({
    description: 'That person has no linked account (or is of no organization of yours).',
  })
  remove(
    @CurrentPrincipal() principal: Principal,
    @IdParam('user_id', 'linked ClickUp account') userId: string,
  ): Promise<void> {
    return this.accounts.removeFor(principal, userId);
  }
}
