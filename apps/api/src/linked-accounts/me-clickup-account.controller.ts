import { Body, Controller, Delete, Get, HttpCode, Post, Query, Redirect, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit-action.decorator';
import { CurrentPrincipal } from '../auth/decorators';
import { SessionOnlyGuard } from '../auth/guards/session-only.guard';
import type { Principal } from '../auth/principal';
import { ClickUpAuthorizeUrlDto } from './dto/clickup-authorize-url.dto';
import { MyClickUpAccountDto } from './dto/my-clickup-account.dto';
import { StartLinkDto } from './dto/start-link.dto';
import { LinkedAccountsService } from './linked-accounts.service';

interface RedirectAnswer {
  url: string;
  statusCode: number;
}

/** The signed-in person's own ClickUp account. A session only: an API token never links or unlinks its creator's. */
@ApiTags('linked ClickUp accounts')
@ApiCookieAuth()
@UseGuards(SessionOnlyGuard)
@Controller('api/v1/me/clickup-account')
export class MeClickUpAccountController {
  constructor(private readonly accounts: LinkedAccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether you have linked your ClickUp account: its ClickUp user and the workspaces it reaches.',
  })
  @ApiOkResponse({ type: MyClickUpAccountDto })
  @ApiForbiddenResponse({ description: 'Called with an API token rather than a session.' })
  get(@CurrentPrincipal() principal: Principal): Promise<MyClickUpAccountDto> {
    return this.accounts.mine(principal);
  }

  @Post('oauth')
  @HttpCode(200)
  @Audited('clickup_accounts.start_link')
  @ApiOperation({
    summary: "Start linking (or relinking) your ClickUp account: answers ClickUp's consent page to open.",
    description:
      'With `elicitation` (from the link an MCP client showed), the link must have been made for you. ClickUp then ' +
      'sends the browser to the callback, which stores the account.',
  })
  @ApiOkResponse({ type: ClickUpAuthorizeUrlDto })
  @ApiBadRequestResponse({ description: 'ClickUp OAuth is not configured.' })
  @ApiForbiddenResponse({ description: 'The link was made for another person, or has expired.' })
  start(@CurrentPrincipal() principal: Principal, @Body() body: StartLinkDto): ClickUpAuthorizeUrlDto {
    return this.accounts.startLink(principal, body);
  }

  // Query values are read one by one rather than through a DTO, as on the connection callback: ClickUp decides
  // what it appends, and the browser must land on the console with a reason, never on a JSON error.
  @Get('oauth/callback')
  @Audited('clickup_accounts.link', { secretQuery: ['code', 'state'] })
  @Redirect()
  @ApiOperation({
    summary: 'Where ClickUp sends the browser back; links the account.',
    description:
      'Verifies the signed, single-use state, exchanges the code, asks ClickUp who the token acts as, stores it ' +
      'encrypted, then redirects to `{DASHBOARD_URL}/account/clickup?linked=1` or `?error={reason}`.',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiFoundResponse({ description: 'To the console.' })
  async callback(
    @CurrentPrincipal() principal: Principal,
    @Query('code') code?: string,
    @Query('state') state?: string,
  ): Promise<RedirectAnswer> {
    return { url: await this.accounts.finishLink(principal, { code, state }), statusCode: 302 };
  }

  @Delete()
  @HttpCode(204)
  @Audited('clickup_accounts.unlink')
  @ApiOperation({
    summary:
      'Unlink your ClickUp account: the gateway forgets its token and servers acting as you stop at once.',
    description: 'To revoke the token at ClickUp too, remove the app from your ClickUp settings.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No account is linked.' })
  remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.accounts.unlinkMine(principal);
  }
}
