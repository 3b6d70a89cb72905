/**
 * The part of oidc-provider 9 (which ships no types) the authorization server uses. Names and shapes follow the
 * library's own documentation; anything not listed here is not used.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    jti?: string;
    grantId?: string;
    uid?: string;
    accountId?: string;
    clientId?: string;
    client_id?: string;
    aud?: string | string[];
    resources?: Record<string, string>;
    consumed?: number;
    exp?: number;
    kind?: string;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_name?: string;
    redirect_uris?: string[];
    token_endpoint_auth_method?: string;
    application_type?: string;
    [key: string]: unknown;
  }

  export interface Client {
    clientId: string;
    clientName?: string;
    redirectUris: string[];
    clientAuthMethod: string;
    applicationType: string;
    metadata(): ClientMetadata;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
  }

  export interface BaseToken {
    jti: string;
    kind: string;
    accountId: string;
    clientId: string;
    grantId: string;
    scope?: string;
    aud?: string | string[];
    exp: number;
    iat: number;
    extra?: Record<string, unknown>;
    resource?: string | string[];
  }

  export interface Account {
    accountId: string;
    claims(): Promise<{ sub: string; [claim: string]: unknown }>;
  }

  export interface KoaContext {
    req: IncomingMessage;
    method: string;
    path: string;
    /** The parsed query string; assigning it rewrites the request's query. */
    query: Record<string, string | string[] | undefined>;
    ip: string;
    status: number;
    body: unknown;
    type: string;
    oidc?: {
      route?: string;
      client?: Client;
      params?: Record<string, unknown>;
      entities: Record<string, unknown>;
      result?: InteractionResults;
    };
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface InteractionInstance {
    uid: string;
    jti: string;
    exp: number;
    returnTo: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & {
      client_id: string;
      redirect_uri?: string;
      resource?: string | string[];
      scope?: string;
    };
    session?: { accountId?: string; uid?: string };
    grantId?: string;
    result?: InteractionResults;
    lastSubmission?: InteractionResults;
    save(ttlSeconds: number): Promise<string>;
  }

  export interface GrantInstance {
    jti: string;
    accountId: string;
    clientId: string;
    addResourceScope(resource: string, scope: string): void;
    addOIDCScope(scope: string): void;
    save(ttlSeconds?: number): Promise<string>;
  }

  export interface AccessTokenInstance extends BaseToken {
    isExpired: boolean;
  }

  export type FindAccount = (ctx: KoaContext, sub: string, token?: BaseToken) => Promise<Account | undefined>;

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (ctx: KoaContext, error: OAuthError) => void): this;
    on(event: string, listener: (...args: never[]) => void): this;
    readonly Interaction: { find(uid: string): Promise<InteractionInstance | undefined> };
    readonly Grant: {
      new (properties: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    readonly AccessToken: { find(token: string): Promise<AccessTokenInstance | undefined> };
    readonly Client: { find(id: string): Promise<Client | undefined> };
  }

  export class OAuthError extends Error {
    error: string;
    error_description?: string;
    /** The precise reason, kept out of the response. */
    error_detail?: string;
    status: number;
    statusCode: number;
    expose: boolean;
  }

  export const errors: {
    OIDCProviderError: typeof OAuthError;
    InvalidTarget: new (description?: string) => OAuthError;
    InvalidClientMetadata: new (description?: string) => OAuthError;
    InvalidRedirectUri: new (description?: string) => OAuthError;
  };

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContext) => boolean | Promise<boolean>);
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export interface PromptPolicy {
    get(name: 'login' | 'consent'): { checks: { add(check: Check): void } };
  }

  export const interactionPolicy: {
    base(): PromptPolicy;
    Check: typeof Check;
  };

  export default Provider;
}
