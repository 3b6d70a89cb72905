import type { FastifyReply } from 'fastify';
import type { OpenedSession } from './session.service';
import { CSRF_COOKIE, SESSION_COOKIE } from './principal';

/**
 * Hands a new session to the browser: the secret in an httpOnly cookie, the CSRF token in one the dashboard reads.
 * `Secure` when the api is published on https.
 */
export function setSessionCookies(reply: FastifyReply, opened: OpenedSession, publicUrl: string): void {
  const secure = publicUrl.startsWith('https://');
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: opened.expiresAt };
  void reply.setCookie(SESSION_COOKIE, opened.sessionToken, { ...common, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, opened.csrfToken, { ...common, httpOnly: false });
}
