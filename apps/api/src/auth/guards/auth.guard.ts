import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { safeEqual, sha256Hex } from '@gw/security';
import { IS_PUBLIC } from '../../common/decorators/public.decorator';
import type { AuthenticatedRequest } from '../decorators';
import { CSRF_HEADER, SESSION_COOKIE } from '../principal';
import { PrincipalResolver } from '../principal.resolver';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a principal unless it is marked @Public(). A bearer API token wins over a cookie.
 * Cookie-authenticated changes must echo the CSRF token (double submit, compared against its stored hash).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const principal = await this.resolver.fromApiToken(bearer);
      if (!principal) throw new UnauthorizedException('Invalid, revoked or expired API token');
      request.principal = principal;
      return true;
    }

    const sessionToken = request.cookies?.[SESSION_COOKIE];
    if (sessionToken) {
      const session = await this.resolver.fromSession(sessionToken);
      if (!session) throw new UnauthorizedException('Session expired; sign in again');
      if (!SAFE_METHODS.has(request.method)) {
        const csrf = request.headers[CSRF_HEADER];
        if (typeof csrf !== 'string' || !safeEqual(sha256Hex(csrf), session.csrfTokenHash)) {
          throw new ForbiddenException('Missing or wrong CSRF token');
        }
      }
      const { csrfTokenHash: _, ...principal } = session;
      request.principal = principal;
      return true;
    }
    throw new UnauthorizedException('Sign in, or send Authorization: Bearer <api token>');
  }
}
