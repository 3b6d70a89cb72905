import { Controller, Get, Query, Redirect } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiFoundResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiBearerAuth,
  ApiCookieAuth,
} from '@nestjs/swagger';
import { Audited } from '../../audit/audit-action.decorator';
import { CurrentPrincipal, Roles } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { OAuthStartQueryDto } from '../dto/oauth-start.query.dto';
import { ConnectionOAuthService } from './connection-oauth.service';

interface RedirectAnswer {
  url: string;
  statusCode: number;
}

@ApiTags('connections')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/v1/connections/oauth')
export class ConnectionOAuthController {
  constructor(private readonly oauth: ConnectionOAuthService) {}

  @Get('start')
  @Roles('owner', 'admin')
  @Redirect()
  @ApiOperation({ summary: "Connect with ClickUp: redirects the browser to ClickUp's consent page." })
  @ApiFoundResponse({ description: 'To `{CLICKUP_APP_URL}/api?client_id=…&redirect_uri=…&state=…`.' })
  @ApiBadRequestResponse({ description: 'OAuth is not configured.' })
  start(@CurrentPrincipal() principal: Principal, @Query() query: OAuthStartQueryDto): RedirectAnswer {
    return { url: this.oauth.authorizeUrl(principal, query.name), statusCode: 302 };
  }

  // Query values are read one by one rather than through a DTO: ClickUp decides what it appends to the redirect,
  // and an unexpected parameter must not turn the browser's landing into a JSON error.
  // A GET that creates a connection: recorded like any other change, without the one-time code and the state.
  @Get('callback')
  @Roles('owner', 'admin')
  @Audited('connections.create_by_oauth', { secretQuery: ['code', 'state'] })
  @Redirect()
  @ApiOperation({
    summary: 'Where ClickUp sends the browser back; creates the connection.',
    description:
      'Verifies the signed state (its CSRF protection), exchanges the code, checks the token, then redirects to ' +
      '`{DASHBOARD_URL}/connections?created={id}` or `?error={reason}`.',
  })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiFoundResponse({ description: 'To the dashboard.' })
  async callback(
    @CurrentPrincipal() principal: Principal,
    @Query('code') code?: string,
    @Query('state') state?: string,
  ): Promise<RedirectAnswer> {
    return { url: await this.oauth.finish(principal, { code, state }), statusCode: 302 };
  }
}
