import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UserEntity } from '@gw/db';
import { Repository } from 'typeorm';
import { maySignInToServer } from '../../auth/access/server-access';
import { SsoAccounts } from '../../sso/sso-accounts.service';
import { TeamsService } from '../../teams/teams.service';
import { SignInResources } from './sign-in-resources';

/**
 * Whether the authorization server may hand a person tokens for a resource, asked at consent, when a code is
 * exchanged and on every refresh: the person exists and is not disabled, the server still accepts sign-in and is
 * neither revoked nor expired, and the person may still sign in to it (its team's members, admins, owners, or the
 * people and teams listed on it); and a person who signs in through the company's identity provider is still
 * active there, so offboarding at the IdP stops their agents at the next refresh, within one access-token lifetime.
 */
@Injectable()
export class TokenIssuePolicy {
  constructor(
    private readonly resources: SignInResources,
    private readonly teams: TeamsService,
    private readonly sso: SsoAccounts,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** Why the person may not have tokens for the resource, or null when they may. */
  async refusal(userId: string, resource: string): Promise<string | null> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.disabledAt) return 'the account is disabled or no longer exists';
    if (!(await this.sso.stillActiveAtIdp(user.id)))
      return `${user.email} is no longer active at the organization's identity provider`;
    const server = await this.resources.server(resource);
    if (!server) return 'the MCP server no longer accepts sign-in, or was revoked or expired';
    const principal = { organizationId: user.organizationId, role: user.role, userId: user.id };
    if (!(await maySignInToServer(principal, server, this.teams))) {
      return `${user.email} may not use this MCP server: ask an admin to add you to its team or to its people`;
    }
    return null;
  }
}
