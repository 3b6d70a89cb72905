import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../decorators';

/**
 * For routes that act on the signed-in person itself (its password, its linked ClickUp account): an API token is
 * refused before its body is even read, since a token acting for its creator must not take over the creator's account.
 */
@Injectable()
export class SessionOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal?.kind !== 'user' || !principal.sessionId) {
      throw new ForbiddenException('Only a signed-in user acts on its own account, never an API token');
    }
    return true;
  }
}
