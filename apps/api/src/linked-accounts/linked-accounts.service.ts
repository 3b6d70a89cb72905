import { ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { tokenFingerprint } from '@gw/clickup-client';
import { ClickUpLinkedAccountEntity, UserEntity } from '@gw/db';
import { linkedAccountCredentialAad, SecretBox } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ClickUpAccountsService } from '../connections/clickup-accounts.service';
import { ClickUpOAuthFlow, type OAuthCallbackInput } from '../connections/oauth/clickup-oauth-flow.service';
import type { ClickUpAuthorizeUrlDto } from './dto/clickup-authorize-url.dto';
import type { LinkedAccountDto } from './dto/linked-account.dto';
import type { MyClickUpAccountDto } from './dto/my-clickup-account.dto';
import type { StartLinkDto } from './dto/start-link.dto';
import { LinkedAccountChanges } from './linked-account-changes';
import { toLinkedAccountDto, toMyClickUpAccountDto } from './linked-account.mapper';
import { LinkRequests } from './link-requests';

export const LINK_CALLBACK_PATH = '/api/v1/me/clickup-account/oauth/callback';
/** The console page where a person links their account; MCP clients are sent here too. */
export const LINK_PAGE_PATH = '/account/clickup';

const LINK_REQUEST_PROBLEMS = {
  malformed: 'This link is not one the gateway made; open the link your MCP client showed again',
  'other-person':
    'This link was made for another person’s MCP request; they must open it themselves. You can still link your own account here.',
  expired: 'This link is more than a day old; call the tool again for a fresh one, or link your account here',
} as const;

/**
 * Each person's own ClickUp account, for MCP servers that act as their caller: linked through ClickUp's OAuth
 * (`ClickUpOAuthFlow`), its token sealed at rest like a connection's, one per person and organization. Unlinking
 * wipes the token and keeps the row, so the change reaches every api process's cache (`change_xid`).
 */
@Injectable()
export class LinkedAccountsService {
  constructor(
    @InjectRepository(ClickUpLinkedAccountEntity)
    private readonly accounts: Repository<ClickUpLinkedAccountEntity>,
    private readonly dataSource: DataSource,
    private readonly flow: ClickUpOAuthFlow,
    private readonly clickup: ClickUpAccountsService,
    private readonly box: SecretBox,
    private readonly changes: LinkedAccountChanges,
    private readonly requests: LinkRequests,
  ) {}

  async mine(principal: Principal): Promise<MyClickUpAccountDto> {
    return toMyClickUpAccountDto(await this.linked(principal.organizationId, personOf(principal)));
  }

  /** ClickUp's consent page for the signed-in person; a link from an MCP client must have been made for them. */
  startLink(principal: Principal, body: StartLinkDto): ClickUpAuthorizeUrlDto {
    const userId = personOf(principal);
    if (body.elicitation) {
      const check = this.requests.verify(body.elicitation, userId);
      if (!check.ok) throw new ForbiddenException(LINK_REQUEST_PROBLEMS[check.reason]);
    }
    const authorize_url = this.flow.authorizeUrl(
      {
        purpose: 'linked_account',
        organizationId: principal.organizationId,
        userId: principal.actor,
        name: '',
      },
      LINK_CALLBACK_PATH,
      'ClickUp OAuth is not configured on this gateway (CLICKUP_OAUTH_CLIENT_ID and CLICKUP_OAUTH_CLIENT_SECRET); ask an administrator',
    );
    return { authorize_url };
  }

  /** Always answers with the console URL to send the browser to: linked, or a reason a person can act on. */
  async finishLink(principal: Principal, input: OAuthCallbackInput): Promise<string> {
    try {
      const { token } = await this.flow.exchange(principal, 'linked_account', input);
      await this.store(principal.organizationId, personOf(principal), token);
      return this.flow.dashboardUrl(LINK_PAGE_PATH, { linked: '1' });
    } catch (error) {
      if (error instanceof HttpException)
        return this.flow.dashboardUrl(LINK_PAGE_PATH, { error: error.message });
      throw error;
    }
  }

  unlinkMine(principal: Principal): Promise<void> {
    return this.unlink(principal.organizationId, personOf(principal));
  }

  /** Who has linked an account, for admins. */
  async list(principal: Principal): Promise<LinkedAccountDto[]> {
    const rows = await this.accounts.find({
      where: { organizationId: principal.organizationId, unlinkedAt: IsNull() },
      order: { linkedAt: 'DESC' },
    });
    if (rows.length === 0) return [];
    const users = await this.dataSource.getRepository(UserEntity).find({
      select: { id: true, email: true, name: true },
      where: { id: In(rows.map((r) => r.userId)) },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.flatMap((row) => {
      const user = byId.get(row.userId);
      return user ? [toLinkedAccountDto(row, user)] : [];
    });
  }

  /** An admin unlinks someone's account (offboarding, a suspicion): their calls on caller servers stop at once. */
  removeFor(principal: Principal, userId: string): Promise<void> {
    return this.unlink(principal.organizationId, userId);
  }

  private linked(organizationId: string, userId: string): Promise<ClickUpLinkedAccountEntity | null> {
    return this.accounts.findOneBy({ organizationId, userId, unlinkedAt: IsNull() });
  }

  /** Asks ClickUp who the token acts as and where, then seals it over any earlier link of the person's. */
  private async store(organizationId: string, userId: string, token: string): Promise<void> {
    const account = await this.clickup.inspect({ kind: 'oauth', token });
    const sealed = this.box.seal(token, linkedAccountCredentialAad(organizationId, userId));
    await this.dataSource.query(
      `INSERT INTO clickup_linked_accounts (id, organization_id, user_id, clickup_user_id, clickup_username,
         clickup_email, workspaces, credential_ciphertext, credential_key_id, credential_fingerprint, linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (organization_id, user_id) DO UPDATE SET
         clickup_user_id = EXCLUDED.clickup_user_id, clickup_username = EXCLUDED.clickup_username,
         clickup_email = EXCLUDED.clickup_email, workspaces = EXCLUDED.workspaces,
         credential_ciphertext = EXCLUDED.credential_ciphertext, credential_key_id = EXCLUDED.credential_key_id,
         credential_fingerprint = EXCLUDED.credential_fingerprint, linked_at = now(), unlinked_at = NULL,
         last_used_at = NULL`,
      [
        randomUUID(),
        organizationId,
        userId,
        String(account.user.id),
        account.user.username ?? '',
        account.user.email,
        JSON.stringify(account.workspaces),
        sealed.ciphertext,
        sealed.keyId,
        tokenFingerprint(token),
      ],
    );
    this.changes.committed({ organizationId, userId });
  }

  private async unlink(organizationId: string, userId: string): Promise<void> {
    const result = await this.accounts.update(
      { organizationId, userId, unlinkedAt: IsNull() },
      { credentialCiphertext: '', unlinkedAt: new Date() },
    );
    if (!result.affected) throw new NotFoundException('No linked ClickUp account');
    this.changes.committed({ organizationId, userId });
  }
}

/** The /me routes run for signed-in people only (SessionOnlyGuard), who always have a user id. */
function personOf(principal: Principal): string {
  if (!principal.userId) throw new ForbiddenException('Only a signed-in person links a ClickUp account');
  return principal.userId;
}
