import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@gw/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookies } from '../auth/session-cookies';
import { Public } from '../common/decorators/public.decorator';
import { SsoStatusDto } from './dto/sso-status.dto';
import { SSO_ATTEMPT_COOKIE, SSO_ATTEMPT_TTL_MS, SSO_COOKIE_PATH } from './sso-attempt';
import { SsoSignIn } from './sso-sign-in.service';
import { SsoStatusService } from './sso-status.service';

/**
 * The browser's side of single sign-on. Both redirects answer 302 whatever happens: a refusal lands on the sign-in
 * page with a reason code, never on a JSON error page. The callback's audit row or security event is written by
 * the sign-in itself (`SsoSignInRecorder`), since a 302 does not tell the audit interceptor how it went.
 */
@ApiTags('auth')
@Controller('api/v1/auth/sso')
export class SsoAuthController {
  constructor(
    private readonly signIn: SsoSignIn,
    private readonly status: SsoStatusService,
    private readonly app: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Whether the sign-in page offers single sign-on, and who may use the password form.',
  })
  @ApiOkResponse({ type: SsoStatusDto })
  get(): Promise<SsoStatusDto> {
    return this.status.get();
  }

  @Public()
  @Get('start')
  @ApiOperation({
    summary: 'Sign in with the OpenID provider: redirects the browser to it (authorization code, PKCE S256).',
    description:
      'Keeps the sign-in attempt (state, nonce, PKCE verifier, `next`) sealed in an httpOnly cookie for 10 minutes. ' +
      'Without a configured or reachable provider, redirects to `/login?sso_error={reason}`.',
  })
  @ApiQuery({ name: 'next', required: false, description: 'A dashboard path to land on after signing in.' })
  @ApiFoundResponse({ description: 'To the IdP, or to the sign-in page with a reason.' })
  async start(@Query('next') next: unknown, @Res() reply: FastifyReply): Promise<void> {
    const started = await this.signIn.start(next);
    if (started.attempt) {
      void reply.setCookie(SSO_ATTEMPT_COOKIE, started.attempt, {
        ...this.attemptCookie,
        maxAge: SSO_ATTEMPT_TTL_MS / 1000,
      });
    }
    void reply.redirect(started.redirect, 302);
  }

  // Query values are taken as the IdP sent them: openid-client validates the whole authorization response.
  @Public()
  @Get('callback')
  @ApiOperation({
    summary: 'Where the OpenID provider sends the browser back; opens a console session.',
    description:
      'Register `{DASHBOARD_URL}/api/v1/auth/sso/callback` at the IdP. Checks the attempt cookie, the state (once), ' +
      'the code with PKCE and the ID token (signature, issuer, audience, nonce), creates or links the user, applies ' +
      'the group mapping, then redirects to the `next` path, or to `/login?sso_error={reason}`.',
  })
  @ApiFoundResponse({ description: 'To the dashboard.' })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const finished = await this.signIn.finish(query, request.cookies?.[SSO_ATTEMPT_COOKIE], {
      ip: request.ip,
      userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
      requestId: String(request.id),
    });
    // One attempt, one callback: the cookie goes whatever the outcome.
    void reply.clearCookie(SSO_ATTEMPT_COOKIE, this.attemptCookie);
    if (finished.session) setSessionCookies(reply, finished.session, this.app.publicUrl);
    void reply.redirect(finished.redirect, 302);
  }

  /** Lax, so the IdP's top-level redirect back brings it along. */
  private get attemptCookie() {
    return {
      path: SSO_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.app.dashboardUrl.startsWith('https://'),
    };
  }
}
