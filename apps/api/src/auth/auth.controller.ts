import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AppConfig } from '@gw/config';
import type { FastifyReply } from 'fastify';
import { Audited } from '../audit/audit-action.decorator';
import type { AuditedRequest } from '../audit/admin-audit.interceptor';
import { Public } from '../common/decorators/public.decorator';
import { CurrentPrincipal } from './decorators';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CompletePasswordResetDto } from './dto/complete-password-reset.dto';
import { LoginDto } from './dto/login.dto';
import { SessionDto } from './dto/session.dto';
import { CSRF_COOKIE, type Principal, SESSION_COOKIE } from './principal';
import { SessionOnlyGuard } from './guards/session-only.guard';
import { PasswordService } from './password.service';
import { LoginThrottle } from './login-throttle.service';
import { setSessionCookies } from './session-cookies';
import { SessionService } from './session.service';
import { toSessionDto } from './session.mapper';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
    private readonly app: AppConfig,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the dashboard: sets an httpOnly session cookie and a CSRF cookie.' })
  @ApiOkResponse({ type: SessionDto })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed sign-ins for this account or from this address; see Retry-After.',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: AuditedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    this.throttle.assertOpen(body.email, request.ip);
    const opened = await this.sessions.open(body.email, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    if (!opened) {
      request.refusalRecorded = true;
      await this.throttle.failed(body.email, request.ip);
      throw new UnauthorizedException('Wrong email or password');
    }
    setSessionCookies(reply, opened, this.app.publicUrl);
    return { ...toSessionDto(opened.user, opened.organization), csrf_token: opened.csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out: ends the session.' })
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    if (principal.sessionId) await this.sessions.close(principal.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user (or the API token) and its organization.' })
  @ApiOkResponse({ type: SessionDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    if (principal.kind === 'token' && !principal.userId) {
      return {
        user: { id: principal.id, email: '', name: 'API token', role: principal.role },
        organization: await this.sessions.organizationOf(principal.organizationId),
      };
    }
    const { user, organization } = await this.sessions.describe(principal.userId as string);
    return toSessionDto(user, organization);
  }

  @Post('password')
  @HttpCode(204)
  @Audited('auth.password_change')
  @UseGuards(SessionOnlyGuard)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Change the signed-in user’s password; its other sessions end. Not for API tokens.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'The new password is too short or equals the current one.' })
  @ApiForbiddenResponse({ description: 'The current password is wrong, or the caller is an API token.' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    return this.passwords.change(principal, body.current_password, body.new_password);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(204)
  @Audited('auth.password_reset')
  @ApiOperation({
    summary:
      'Set a new password with a one-time reset link from an admin (valid one hour, once); every session of the user ends.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'The link is invalid, used or expired, or the password too short.' })
  async completePasswordReset(
    @Body() body: CompletePasswordResetDto,
    @Req() request: AuditedRequest,
  ): Promise<void> {
    const user = await this.passwords.completeReset(body.token, body.new_password);
    request.auditSubject = { actor: `user:${user.id}`, organizationId: user.organizationId };
  }
}
