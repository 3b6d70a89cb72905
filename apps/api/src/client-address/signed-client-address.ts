import type { FastifyInstance } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** The browser's address as the dashboard saw it, and the dashboard's HMAC-SHA256 of it (base64url). */
export const CLIENT_IP_HEADER = 'x-gateway-client-ip';
export const CLIENT_IP_SIGNATURE_HEADER = 'x-gateway-client-ip-signature';

export function signClientAddress(secret: string, address: string): string {
  return createHmac('sha256', secret).update(address).digest('base64url');
}

/**
 * Requests the dashboard forwards come from the dashboard's address. The dashboard names the browser's address in
 * a header signed with the secret both share; with a valid signature that address becomes `request.ip` (audit
 * rows, security events, rate limits), without one the header is ignored, so nobody else can choose their address.
 */
export function registerSignedClientAddress(fastify: FastifyInstance, secret: string | undefined): void {
  if (!secret) return;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const address = request.headers[CLIENT_IP_HEADER];
    const signature = request.headers[CLIENT_IP_SIGNATURE_HEADER];
    if (typeof address === 'string' && typeof signature === 'string' && isIP(address)) {
      const expected = Buffer.from(signClientAddress(secret, address));
      const given = Buffer.from(signature);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        // An own property shadows Fastify's `ip` getter for this request only.
        Object.defineProperty(request, 'ip', { value: address, enumerable: true });
      }
    }
    done();
  });
}
