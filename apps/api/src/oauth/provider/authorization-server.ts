import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AppConfig, NetworkConfig, OAuthConfig } from '@gw/config';
import { UserEntity } from '@gw/db';
import { safeEqual, SecretBox, sha256Hex } from '@gw/security';
import { errors, Provider, type KoaContext } from 'oidc-provider';
import { DataSource, Repository } from 'typeorm';
import { FailureLimiter } from '../../rate-limits/failure-limiter.service';
import { SecurityEvents } from '../../security-events/security-events.service';
import { AddressPolicy } from '../clients/address-policy';
import { clientMetadataFetch } from '../clients/client-metadata-fetch';
import { reportProviderRefusals } from '../events/provider-refusals';
import { SignInResources } from '../grants/sign-in-resources';
import { TokenIssuePolicy } from '../grants/token-issue.policy';
import { oauthRecordAdapter } from '../storage/oauth-record.adapter';
import { loadProviderKeys } from '../storage/provider-keys';
import { MCP_SCOPE, OAUTH_ROUTES, providerConfiguration } from './provider-configuration';
import { renderProviderError } from './render-provider-error';

/** The key under which a finished interaction keeps the SHA-256 of the one-time value its resume link carries. */
export const RESUME_CHECK = 'gw_resume_check';
const RESUME_PATH = new RegExp(`^${OAUTH_ROUTES.authorization}/([A-Za-z0-9_-]+)$`);

/**
 * The gateway's OAuth authorization server: one oidc-provider instance per api process, on the shared database and
 * keys, so any replica completes what another began. Built once the database is reachable, before the api listens.
 */
@Injectable()
export class AuthorizationServer implements OnModuleInit {
  private instance?: Provider;

  constructor(
    private readonly app: AppConfig,
    private readonly oauth: OAuthConfig,
    private readonly network: NetworkConfig,
    private readonly box: SecretBox,
    private readonly resources: SignInResources,
    private readonly issuing: TokenIssuePolicy,
    private readonly events: SecurityEvents,
    private readonly limiter: FailureLimiter,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  get provider(): Provider {
    if (!this.instance) throw new Error('the authorization server is used before the api started');
    return this.instance;
  }

  async onModuleInit(): Promise<void> {
    const ownHost = new URL(this.app.publicUrl).host;
    const provider = new Provider(
      this.app.publicUrl.replace(/\/+$/, ''),
      providerConfiguration({
        app: this.app,
        oauth: this.oauth,
        adapter: oauthRecordAdapter(this.dataSource),
        keys: await loadProviderKeys(this.dataSource, this.box),
        fetch: clientMetadataFetch(
          new AddressPolicy(this.oauth.clientMetadataAllowPrivate),
          this.oauth.clientMetadataExtraCaFile,
        ),
        assertResource: async (resource) => {
          if (!(await this.resources.server(resource))) {
            throw new errors.InvalidTarget('resource is not the URL of a sign-in MCP server of this gateway');
          }
        },
        refusal: (userId, resource) => this.issuing.refusal(userId, resource),
        accountActive: async (userId) => {
          const user = await this.users.findOneBy({ id: userId });
          return !!user && !user.disabledAt;
        },
        allowMetadataFetch: (clientId) => new URL(clientId).host !== ownHost,
      }),
    );
    // The api hands over requests with X-Forwarded-* rewritten from what Fastify determined under TRUST_PROXY
    // (see OAuthRoutes), so the provider may believe them whatever the proxy setting.
    provider.proxy = true;
    provider.use((ctx, next) => this.checkResume(ctx, next));
    provider.use((ctx, next) => defaultScope(ctx, next));
    reportProviderRefusals(provider, {
      record: (ip, reason) => this.events.record(ip, reason),
      charge: (ip) => void this.limiter.charge(ip).catch(() => undefined),
    });
    this.instance = provider;
  }

  /**
   * The console finishes an interaction through the api, so the browser that consents and the browser that began
   * the authorization (it holds the provider's resume cookie) must be shown to be the same: the consent answer
   * carries a one-time value whose hash the interaction keeps, and resuming needs both the cookie and the value.
   * Someone who began an authorization and sent its consent link to another person gets nothing from their consent.
   */
  private async checkResume(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
    const uid = ctx.method === 'GET' ? RESUME_PATH.exec(ctx.path)?.[1] : undefined;
    if (uid) {
      const interaction = await this.provider.Interaction.find(uid);
      const expected = interaction?.result?.[RESUME_CHECK];
      const presented = new URL(ctx.req.url ?? '/', 'http://resume').searchParams.get('resume') ?? '';
      if (typeof expected === 'string' && !safeEqual(sha256Hex(presented), expected)) {
        ctx.status = 400;
        return renderProviderError(ctx, {
          error: 'invalid_request',
          error_description: 'this sign-in must be finished in the browser that approved it',
        });
      }
    }
    await next();
  }
}

/**
 * MCP clients ask for the scopes the resource's metadata or challenge names, or for none, or (mcp-remote) for
 * `openid email profile`; an authorization that asks for no scope of the server would be granted nothing
 * (oidc-provider then answers `access_denied`). Every authorization asks for the MCP scope besides what it names.
 */
async function defaultScope(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
  if (ctx.method === 'GET' && ctx.path === OAUTH_ROUTES.authorization) {
    const scope = typeof ctx.query['scope'] === 'string' ? ctx.query['scope'] : '';
    const scopes = scope.split(' ').filter(Boolean);
    if (!scopes.includes(MCP_SCOPE)) ctx.query = { ...ctx.query, scope: [...scopes, MCP_SCOPE].join(' ') };
  }
  await next();
}
