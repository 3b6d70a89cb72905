import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiTokenEntity } from '@gw/db';
import { API_TOKEN_PREFIX, generateSecret, sha256Hex } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { type FindOptionsWhere, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PrincipalResolver } from '../auth/principal.resolver';
import { canGrant, isManager } from '../auth/access/roles';
import type { ApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import type { CreateApiTokenDto } from './dto/create-api-token.dto';

/** `cgw_` + 4 characters: enough to tell tokens apart, far too little to guess one. */
const PREFIX_LENGTH = API_TOKEN_PREFIX.length + 4;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A token made without an expiry lasts this long. */
export const DEFAULT_API_TOKEN_DAYS = 90;
/** The longest a token may last unless an owner makes it; owners alone may make one that never expires. */
export const MAX_API_TOKEN_DAYS = 365;

/**
 * API tokens for automation. Owners and admins manage every token of the organization, auditors read the list, and
 * members see and revoke only the tokens they created. A token never holds a role its creator does not, and stops
 * with its creator (see `PrincipalResolver`). Every token expires unless an owner chose otherwise.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    private readonly principals: PrincipalResolver,
  ) {}

  async list(principal: Principal): Promise<ApiTokenDto[]> {
    const where = this.visible(principal);
    if (!where) return [];
    const rows = await this.tokens.find({ where, order: { createdAt: 'ASC' } });
    return rows.map((t) => toApiTokenDto(t));
  }

  async create(principal: Principal, body: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    const role = body.role ?? principal.role;
    if (!canGrant(principal.role, role)) {
      throw new ForbiddenException(`A ${principal.role} cannot create a token with the role ${role}`);
    }
    const expiresAt = expiryOf(principal, body.expires_at);
    const token = generateSecret(API_TOKEN_PREFIX);
    const id = randomUUID();
    await this.tokens.insert({
      id,
      organizationId: principal.organizationId,
      createdByUserId: principal.userId,
      name: body.name,
      role,
      tokenHash: sha256Hex(token),
      tokenPrefix: token.slice(0, PREFIX_LENGTH),
      expiresAt,
      revokedAt: null,
    });
    return { ...toApiTokenDto(await this.tokens.findOneByOrFail({ id })), token };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const where = this.visible(principal);
    const token = where && (await this.tokens.findOneBy({ ...where, id }));
    if (!token) throw new NotFoundException('No such API token');
    if (!token.revokedAt) await this.tokens.update({ id }, { revokedAt: new Date() });
    this.principals.forgetApiToken(id);
  }

  /** Which tokens the principal may see; null for none (a member token with no user behind it owns nothing). */
  private visible(principal: Principal): FindOptionsWhere<ApiTokenEntity> | null {
    const organization = { organizationId: principal.organizationId };
    if (isManager(principal) || principal.role === 'auditor') return organization;
    return principal.userId ? { ...organization, createdByUserId: principal.userId } : null;
  }
}

function expiryOf(principal: Principal, requested: string | null | undefined): Date | null {
  const now = Date.now();
  if (requested === undefined) return new Date(now + DEFAULT_API_TOKEN_DAYS * DAY_MS);
  const owner = principal.role === 'owner';
  if (requested === null) {
    if (owner) return null;
    throw new BadRequestException(['Only an owner can make a token that never expires (expires_at: null)']);
  }
  const expiresAt = new Date(requested);
  if (expiresAt.getTime() <= now) throw new BadRequestException(['expires_at must be in the future']);
  if (!owner && expiresAt.getTime() > now + MAX_API_TOKEN_DAYS * DAY_MS) {
    throw new BadRequestException([`expires_at must be at most ${MAX_API_TOKEN_DAYS} days ahead`]);
  }
  return expiresAt;
}

function toApiTokenDto(token: ApiTokenEntity, now = Date.now()): ApiTokenDto {
  const state = token.revokedAt
    ? 'revoked'
    : token.expiresAt && token.expiresAt.getTime() <= now
      ? 'expired'
      : 'active';
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    token_prefix: token.tokenPrefix,
    state,
    created_by_user_id: token.createdByUserId,
    expires_at: token.expiresAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}
