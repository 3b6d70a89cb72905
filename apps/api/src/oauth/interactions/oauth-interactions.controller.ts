import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AdminAuditDetails, AuditedRequest } from '../../audit/admin-audit.interceptor';
import { Audited } from '../../audit/audit-action.decorator';
import { CurrentPrincipal } from '../../auth/decorators';
import { SessionOnlyGuard } from '../../auth/guards/session-only.guard';
import type { Principal } from '../../auth/principal';
import { OAuthIdParam } from '../oauth-id.param';
import { DecideInteractionDto } from './dto/decide-interaction.dto';
import { InteractionDecisionDto, InteractionDto } from './dto/interaction.dto';
import { OAuthInteractions } from './oauth-interactions.service';

/** The consent page's api: a person signed in to the console answers an MCP client's sign-in request. */
@ApiTags('oauth')
@ApiCookieAuth()
@UseGuards(SessionOnlyGuard)
@Controller('api/v1/oauth/interactions')
export class OAuthInteractionsController {
  constructor(private readonly interactions: OAuthInteractions) {}

  @Get(':uid')
  @ApiOperation({ summary: 'What an MCP client asks the signed-in person to allow (console session only).' })
  @ApiOkResponse({ type: InteractionDto })
  @ApiNotFoundResponse({ description: 'Unknown or expired sign-in request.' })
  describe(
    @CurrentPrincipal() principal: Principal,
    @OAuthIdParam('uid', 'sign-in request') uid: string,
  ): Promise<InteractionDto> {
    return this.interactions.describe(principal, uid);
  }

  @Post(':uid')
  @HttpCode(200)
  @Audited('oauth.consent')
  @ApiOperation({
    summary:
      'Allow or deny the MCP client; answers where the browser goes next. Recorded as `oauth.consent` with the person and client.',
  })
  @ApiOkResponse({ type: InteractionDecisionDto })
  @ApiForbiddenResponse({ description: 'The person may not use this MCP server (deny is still possible).' })
  @ApiConflictResponse({ description: 'Already answered.' })
  @ApiNotFoundResponse({ description: 'Unknown or expired sign-in request.' })
  decide(
    @CurrentPrincipal() principal: Principal,
    @OAuthIdParam('uid', 'sign-in request') uid: string,
    @Body() body: DecideInteractionDto,
    @Req() request: AuditedRequest,
  ): Promise<InteractionDecisionDto> {
    return this.interactions.decide(principal, uid, body.decision, noteOn(request));
  }
}

export function noteOn(request: AuditedRequest): (details: AdminAuditDetails) => void {
  return (details) => {
    request.auditDetails = details;
  };
}
