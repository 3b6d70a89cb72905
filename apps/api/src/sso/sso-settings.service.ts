import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { OidcConfig, oidcIssuerProblem } from '@gw/config';
import { SsoSettingsEntity, TeamEntity, UserEntity } from '@gw/db';
import { SecretBox } from '@gw/security';
import { In, IsNull, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { SsoSettingsDto } from './dto/sso-settings.dto';
import type { UpdatePasswordSignInDto } from './dto/update-password-sign-in.dto';
import type { UpdateSsoGroupRulesDto } from './dto/update-sso-group-rules.dto';
import type { UpdateSsoProviderDto } from './dto/update-sso-provider.dto';
import { OidcClient } from './oidc-client.service';
import { SsoFailure } from './sso-failure';
import { clientSecretBinding, SsoProviders } from './sso-providers.service';
import { SsoSignIn } from './sso-sign-in.service';

const ENV_OWNED =
  'The provider is set by OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET; change it there';

/**
 * Single sign-on settings of an organization: the provider (owner; unless the environment sets it), the group
 * mapping (owners and admins; only owners touch rules that give the owner role), and password sign-in (owner).
 */
@Injectable()
export class SsoSettingsService {
  constructor(
    @InjectRepository(SsoSettingsEntity) private readonly settings: Repository<SsoSettingsEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly providers: SsoProviders,
    private readonly env: OidcConfig,
    private readonly box: SecretBox,
    private readonly oidc: OidcClient,
    private readonly signIn: SsoSignIn,
  ) {}

  async get(principal: Principal): Promise<SsoSettingsDto> {
    const saved = await this.row(principal.organizationId);
    const provider = await this.providers.forOrganization(principal.organizationId);
    const fromEnv = this.env.configured;
    return {
      source: fromEnv ? 'env' : provider ? 'settings' : 'none',
      issuer_url: fromEnv ? (this.env.issuerUrl as string) : saved.issuerUrl,
      client_id: fromEnv ? (this.env.clientId as string) : saved.clientId,
      client_secret_set: fromEnv || saved.clientSecretCiphertext !== null,
      groups_claim: saved.groupsClaim,
      button_label: saved.buttonLabel,
      effective_button_label: provider?.label ?? null,
      scopes: saved.scopes,
      redirect_uri: this.signIn.callbackUrl,
      group_rules: saved.groupRules,
      password_sign_in: saved.passwordSignIn,
      break_glass_user_ids: saved.breakGlassUserIds,
    };
  }

  async updateProvider(principal: Principal, body: UpdateSsoProviderDto): Promise<SsoSettingsDto> {
    const organizationId = principal.organizationId;
    const saved = await this.row(organizationId);
    const touchesProvider = [body.issuer_url, body.client_id, body.client_secret].some(
      (v) => v !== undefined,
    );
    if (this.env.configured && touchesProvider) throw new ConflictException(ENV_OWNED);
    if (body.scopes !== undefined && !body.scopes.split(' ').includes('openid')) {
      throw new BadRequestException(['scopes must include openid']);
    }
    const next: Partial<SsoSettingsEntity> = {
      ...(body.groups_claim !== undefined ? { groupsClaim: body.groups_claim } : {}),
      ...(body.button_label !== undefined ? { buttonLabel: body.button_label?.trim() || null } : {}),
      ...(body.scopes !== undefined ? { scopes: body.scopes } : {}),
    };
    if (!this.env.configured) {
      const issuer = body.issuer_url?.trim().replace(/\/+$/, '') ?? saved.issuerUrl;
      const clientId = body.client_id ?? saved.clientId;
      const secret =
        body.client_secret ??
        (saved.clientSecretCiphertext && saved.clientSecretKeyId
          ? this.box.open(
              { ciphertext: saved.clientSecretCiphertext, keyId: saved.clientSecretKeyId },
              clientSecretBinding(organizationId),
            )
          : null);
      if (touchesProvider) {
        if (!issuer || !clientId || !secret) {
          throw new BadRequestException(['issuer_url, client_id and client_secret are all needed']);
        }
        const problem = oidcIssuerProblem(issuer);
        if (problem) throw new BadRequestException([`issuer_url ${problem}`]);
        await this.discoverable(issuer, clientId, secret);
        const sealed = this.box.seal(secret, clientSecretBinding(organizationId));
        Object.assign(next, {
          issuerUrl: issuer,
          clientId,
          clientSecretCiphertext: sealed.ciphertext,
          clientSecretKeyId: sealed.keyId,
        });
      }
    }
    await this.settings.update({ organizationId }, next);
    return this.get(principal);
  }

  async removeProvider(principal: Principal): Promise<SsoSettingsDto> {
    if (this.env.configured) throw new ConflictException(ENV_OWNED);
    const saved = await this.row(principal.organizationId);
    if (saved.passwordSignIn !== 'everyone') {
      throw new ConflictException(
        'Password sign-in is limited to break-glass owners; allow it for everyone before turning single sign-on off',
      );
    }
    await this.settings.update(
      { organizationId: principal.organizationId },
      { issuerUrl: null, clientId: null, clientSecretCiphertext: null, clientSecretKeyId: null },
    );
    return this.get(principal);
  }

  async updateGroupRules(principal: Principal, body: UpdateSsoGroupRulesDto): Promise<SsoSettingsDto> {
    const saved = await this.row(principal.organizationId);
    const rules = body.rules.map((r) => ({
      group: r.group.trim(),
      role: r.role,
      team_ids: [...new Set(r.team_ids)],
    }));
    const problems: string[] = [];
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (!rule.group) problems.push(`rules.${i}.group must not be blank`);
      if (seen.has(rule.group)) problems.push(`rules.${i}.group "${rule.group}" appears twice`);
      seen.add(rule.group);
      if (rule.role === null && rule.team_ids.length === 0) {
        problems.push(`rules.${i} gives neither a role nor a team`);
      }
    });
    const teamIds = [...new Set(rules.flatMap((r) => r.team_ids))];
    if (teamIds.length > 0) {
      const found = await this.teams.find({
        select: { id: true },
        where: { organizationId: principal.organizationId, id: In(teamIds) },
      });
      const missing = teamIds.filter((id) => !found.some((t) => t.id === id));
      if (missing.length > 0) problems.push(`no such team: ${missing.join(', ')}`);
    }
    if (problems.length > 0) throw new BadRequestException(problems);
    const ownerRules = (list: { group: string; role: string | null }[]) =>
      JSON.stringify(
        list
          .filter((r) => r.role === 'owner')
          .map((r) => r.group)
          .sort(),
      );
    if (principal.role !== 'owner' && ownerRules(rules) !== ownerRules(saved.groupRules)) {
      throw new ForbiddenException(
        'Only an owner can add, change or remove a rule that gives the owner role',
      );
    }
    await this.settings.update({ organizationId: principal.organizationId }, { groupRules: rules });
    return this.get(principal);
  }

  async updatePasswordSignIn(principal: Principal, body: UpdatePasswordSignInDto): Promise<SsoSettingsDto> {
    const organizationId = principal.organizationId;
    const ids = [...new Set(body.break_glass_user_ids)];
    const owners = ids.length
      ? await this.users.find({
          select: { id: true },
          where: { organizationId, id: In(ids), role: 'owner', disabledAt: IsNull() },
        })
      : [];
    const notOwners = ids.filter((id) => !owners.some((o) => o.id === id));
    if (notOwners.length > 0) {
      throw new BadRequestException([`break-glass accounts must be active owners: ${notOwners.join(', ')}`]);
    }
    if (body.mode === 'break_glass_owners') {
      if (!(await this.providers.forOrganization(organizationId))) {
        throw new ConflictException('Configure single sign-on before limiting password sign-in');
      }
      if (ids.length === 0) {
        throw new BadRequestException([
          'name at least one break-glass owner: with single sign-on the only way in, someone must be able to sign in if the IdP fails',
        ]);
      }
    }
    await this.row(organizationId);
    await this.settings.update({ organizationId }, { passwordSignIn: body.mode, breakGlassUserIds: ids });
    return this.get(principal);
  }

  /** The organization's row, created with the defaults on first use. */
  private async row(organizationId: string): Promise<SsoSettingsEntity> {
    await this.settings.createQueryBuilder().insert().values({ organizationId }).orIgnore().execute();
    return this.settings.findOneByOrFail({ organizationId });
  }

  private async discoverable(issuer: string, clientId: string, clientSecret: string): Promise<void> {
    try {
      await this.oidc.check({ issuer, clientId, clientSecret });
    } catch (error) {
      if (!(error instanceof SsoFailure)) throw error;
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new BadRequestException([
        `issuer_url: no OpenID provider answered at ${issuer}/.well-known/openid-configuration${cause}`,
      ]);
    }
  }
}
