export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** When given, redirect URIs must start with one of these; otherwise any http(s) URL is accepted. */
  redirectUris?: string[];
}

export const DEFAULT_OAUTH_CLIENT: OAuthClient = {
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
};
