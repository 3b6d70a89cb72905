import type { KoaContext, OAuthError, Provider } from 'oidc-provider';
import type { SecurityEventReason } from '../../security-events/security-event-reason';

/** Where a refusal is reported: the security events, and the failure budget of the address for token endpoints. */
export interface RefusalSink {
  record(ip: string, reason: SecurityEventReason): void;
  charge(ip: string): void;
}

const REDIRECT_MISMATCH = "redirect_uri did not match any of the client's registered redirect_uris";

/** A client metadata document that could not be fetched or was not acceptable (what, is in `error_detail`). */
function metadataRefused(error: OAuthError): boolean {
  return (
    error.error === 'invalid_client_metadata' ||
    error.error === 'invalid_redirect_uri' ||
    (error.error_description ?? '').startsWith('client_id metadata document')
  );
}

/**
 * Turns oidc-provider's refusals into security events: client metadata documents refused, redirect URIs not in a
 * client's metadata, replayed refresh tokens, and failures of the token and registration endpoints, per address.
 * Token and registration failures also spend the address's failure budget, like rejected credentials elsewhere.
 */
export function reportProviderRefusals(provider: Provider, sink: RefusalSink): void {
  provider.on('authorization.error', (ctx: KoaContext, error: OAuthError) => {
    if (error.error_description === REDIRECT_MISMATCH) sink.record(ctx.ip, 'oauth_redirect_uri_mismatch');
    else if (metadataRefused(error)) sink.record(ctx.ip, 'oauth_client_metadata_refused');
  });
  provider.on('grant.error', (ctx: KoaContext, error: OAuthError) => {
    if (error.error_detail === 'refresh token already used') {
      sink.record(ctx.ip, 'oauth_refresh_token_replayed');
    } else if (metadataRefused(error)) {
      sink.record(ctx.ip, 'oauth_client_metadata_refused');
    } else {
      sink.record(ctx.ip, 'oauth_token_refused');
    }
    sink.charge(ctx.ip);
  });
  provider.on('registration_create.error', (ctx: KoaContext) => {
    sink.record(ctx.ip, 'oauth_registration_refused');
    sink.charge(ctx.ip);
  });
}
