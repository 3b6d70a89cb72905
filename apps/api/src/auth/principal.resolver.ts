import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiTokenEntity, SessionEntity, UserEntity } from '@gw/db';
import { sha256Hex } from '@gw/security';
import { IsNull, MoreThan, Repository } from 'typeorm';
import type { Principal } from './principal';

export interface SessionPrincipal extends Principal {
  csrfTokenHash: string;
}

/** Turns a bearer API token or a session cookie into a principal; `null` for anything unknown, revoked or expired. */
@Injectable()
export class PrincipalResolver {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async fromApiToken(token: string): Promise<Principal | null> {
    const row = await this.tokens.findOne({ where: { tokenHash: sha256Hex(token), revokedAt: IsNull() } });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
    void this.tokens.update({ id: row.id }, { lastUsedAt: new Date() }).catch(() => undefined);
    return {
      kind: 'token',
      id: row.id,
      organizationId: row.organizationId,
      role: row.role,
      userId: row.createdByUserId,
      actor: `token:${row.id}`,
    };
  }

  async fromSession(sessionToken: string): Promise<SessionPrincipal | null> {
    const session = await this.sessions.findOne({
      where: { tokenHash: sha256Hex(sessionToken), expiresAt: MoreThan(new Date()) },
    });
    if (!session) return null;
    const user = await this.users.findOne({ where: { id: session.userId, disabledAt: IsNull() } });
    if (!user) return null;
    return {
      kind: 'user',
      id: user.id,
      organizationId: user.organizationId,
      role: user.role,
      userId: user.id,
      actor: `user:${user.id}`,
      sessionId: session.id,
      csrfTokenHash: session.csrfTokenHash,
    };
  }
}
