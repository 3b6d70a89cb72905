import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ClickUpConnectionEntity, McpServerEntity, UserEntity } from '@gw/db';
import { sha256Hex } from '@gw/security';
import { randomBytes } from 'node:crypto';
import type { InteractionInstance, InteractionResults } from 'oidc-provider';
import { DataSource, Repository } from 'typeorm';
import type { AdminAuditDetails } from '../../audit/admin-audit.interceptor';
import type { Principal } from '../../auth/principal';
import { SignInResources } from '../grants/sign-in-resources';
import { TokenIssuePolicy } from '../grants/token-issue.policy';
import { AuthorizationServer, RESUME_CHECK } from '../provider/authorization-server';
import { MCP_SCOPE, OPENID_SCOPES } from '../provider/provider-configuration';
import type { ConsentDecision } from './dto/decide-interaction.dto';
import type { InteractionDecisionDto, InteractionDto } from './dto/interaction.dto';

interface Subject {
  interaction: InteractionInstance;
  user: UserEntity;
  server: McpServerEntity;
  resource: string;
}

/**
 * The console's side of an authorization: what the person is asked to allow, and their answer, saved as the
 * interaction's result (login = the console's signed-in person, consent = a new grant for that client and server)
 * for the authorization server to resume with.
 */
@Injectable()
export class OAuthInteractions {
  constructor(
    private readonly server: AuthorizationServer,
    private readonly resources: SignInResources,
    private readonly issuing: TokenIssuePolicy,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ClickUpConnectionEntity)
    private readonly connections: Repository<ClickUpConnectionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async describe(principal: Principal, uid: string): Promise<InteractionDto> {
    const { interaction, user, server, resource } = await this.subject(principal, uid);
    const client = await this.server.provider.Client.find(interaction.params.client_id);
    const connection = await this.connections.findOneBy({ id: server.connectionId });
    const refusal = await this.issuing.refusal(user.id, resource);
    const redirectUri = String(interaction.params.redirect_uri ?? client?.redirectUris[0] ?? '');
    const redirect = URL.parse(redirectUri);
    const clientUrl = URL.parse(interaction.params.client_id);
    return {
      uid,
      client: {
        id: interaction.params.client_id,
        name: client?.clientName ?? null,
        kind: clientUrl?.protocol === 'https:' ? 'metadata_document' : 'registered',
        host: clientUrl?.protocol === 'https:' ? clientUrl.host : null,
        redirect_uri: redirectUri,
        redirect_host: redirect?.host || redirect?.protocol || redirectUri,
      },
      server: {
        id: server.id,
        name: server.name,
        workspace_id: server.workspaceId,
        workspace_name: connection?.workspaces.find((w) => w.id === server.workspaceId)?.name ?? null,
        space_ids: [...server.spaceIds],
        methods: [...server.config.methods],
        tool_groups: [...server.config.tags],
        resource,
      },
      signed_in_as: { id: user.id, email: user.email, name: user.name },
      allowed: refusal === null,
      refusal,
      expires_at: new Date(interaction.exp * 1000).toISOString(),
    };
  }

  /**
   * Saves the person's answer. Allowing needs the person to be allowed on the server (403 otherwise: they can
   * still deny, which sends `access_denied` back to the client). Each answer is final.
   */
  async decide(
    principal: Principal,
    uid: string,
    decision: ConsentDecision,
    note: (d: AdminAuditDetails) => void,
  ): Promise<InteractionDecisionDto> {
    const { interaction, user, server, resource } = await this.subject(principal, uid);
    const clientId = interaction.params.client_id;
    note({ serverId: server.id, actorUserId: user.id, actorEmail: user.email, oauthClientId: clientId });
    if (interaction.result) throw new ConflictException('This sign-in request was already answered');
    const resume = randomBytes(32).toString('base64url');
    let result: InteractionResults;
    if (decision === 'allow') {
      const refusal = await this.issuing.refusal(user.id, resource);
      if (refusal) throw new ForbiddenException(refusal);
      const client = await this.server.provider.Client.find(clientId);
      const grant = new this.server.provider.Grant({ accountId: user.id, clientId });
      grant.addResourceScope(resource, MCP_SCOPE);
      // OpenID scopes a client asked for besides (mcp-remote asks for `openid`): granted, or the provider asks again.
      const openIdScopes = String(interaction.params.scope ?? '')
        .split(' ')
        .filter((scope) => OPENID_SCOPES.has(scope));
      if (openIdScopes.length) grant.addOIDCScope(openIdScopes.join(' '));
      const grantId = await grant.save();
      await this.dataSource.query(
        `UPDATE oauth_records SET client_name = $2 WHERE model = 'Grant' AND grant_id = $1`,
        [grantId, client?.clientName ?? null],
      );
      result = { login: { accountId: user.id, remember: false }, consent: { grantId } };
    } else {
      result = { error: 'access_denied', error_description: 'The person declined to let the MCP client in' };
    }
    interaction.result = { ...result, [RESUME_CHECK]: sha256Hex(resume) };
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    const redirect = new URL(interaction.returnTo);
    redirect.searchParams.set('resume', resume);
    return { redirect_to: redirect.toString() };
  }

  private async subject(principal: Principal, uid: string): Promise<Subject> {
    const interaction = await this.server.provider.Interaction.find(uid);
    if (!interaction)
      throw new NotFoundException(
        'This sign-in request is unknown or expired; start again from the MCP client',
      );
    const user = principal.userId ? await this.users.findOneBy({ id: principal.userId }) : null;
    if (!user) throw new ForbiddenException('Only a signed-in person can answer a sign-in request');
    const resource = [interaction.params.resource].flat()[0];
    const server = typeof resource === 'string' ? await this.resources.server(resource) : null;
    if (!server || typeof resource !== 'string' || server.organizationId !== user.organizationId) {
      throw new NotFoundException('The MCP server of this sign-in request no longer accepts sign-in');
    }
    return { interaction, user, server, resource };
  }
}
