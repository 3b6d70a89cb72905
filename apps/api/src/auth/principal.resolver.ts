import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SessionConfig } from '@gw/config';
import { ApiTokenEntity, SessionEntity, UserEntity, type Role } from '@gw/db';
import { sha256Hex } from '@gw/security';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { tokenRoleUnder } from './access/roles';
import type { Principal } from './principal';

export interface SessionPrincipal extends Principal {
  csrfTokenHash: string;
}

/** The person an OAuth grant names, as a sign-in MCP server admits them. */
export interface SignedInUser {
  principal: Principal;
  email: string;
  /** False once disabled: their tokens stop working at the next request. */
  active: boolean;
  /** The teams asked about that they are a member of. */
  memberOf: ReadonlySet<string>;
}

/**
 * How long a valid API token is taken on trust before it is looked up again. A revocation made in this process
 * applies at once (`forgetApiToken`); one made through another api process applies within this time, as a change to
 * an MCP server does (its registry polls every 500 ms). Its creator's standing is never cached: see `underCreator`.
 */
export const API_TOKEN_CACHE_MS = 500;
/** `last_used_at` is written at most this often per token, rather than on every request. */
export const LAST_USED_EVERY_MS = 60_000;
/** A session's `last_seen_at` is written at most this often, rather than on every request. */
export const SESSION_SEEN_EVERY_MS = 60_000;
/** Cached tokens at most; unknown tokens are never cached, so guessing cannot fill it. */
const MAX_CACHED_TOKENS = 10_000;

interface CachedToken {
  principal: Principal;
  /** When to look the token up again: `API_TOKEN_CACHE_MS` from the lookup, or the token's expiry if sooner. */
  until: number;
}

/** Turns a bearer API token or a session cookie into a principal; `null` for anything unknown, revoked or expired. */
@Injectable()
export class PrincipalResolver {
  private readonly tokenCache = new Map<string, CachedToken>();
  private readonly lastUsedWritten = new Map<string, number>();

  private readonly idleTimeoutMs: number;

  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    config: SessionConfig,
  ) {
    this.idleTimeoutMs = config.idleTimeoutMinutes * 60_000;
  }

  async fromApiToken(token: string): Promise<Principal | null> {
    const principal = await this.tokenPrincipal(token);
    return principal && this.underCreator(principal);
  }

  private async tokenPrincipal(token: string): Promise<Principal | null> {
    const hash = sha256Hex(token);
    const now = Date.now();
    const cached = this.tokenCache.get(hash);
    if (cached && cached.until > now) {
      this.noteUse(cached.principal.id, now);
      return cached.principal;
    }
    this.tokenCache.delete(hash);
    const row = await this.tokens.findOne({ where: { tokenHash: hash, revokedAt: IsNull() } });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
    const principal: Principal = {
      kind: 'token',
      id: row.id,
      organizationId: row.organizationId,
      role: row.role,
      userId: row.createdByUserId,
      actor: `token:${row.id}`,
    };
    if (this.tokenCache.size >= MAX_CACHED_TOKENS) this.tokenCache.clear();
    const until = Math.min(now + API_TOKEN_CACHE_MS, row.expiresAt?.getTime() ?? Infinity);
    this.tokenCache.set(hash, { principal, until });
    this.noteUse(row.id, now);
    return principal;
  }

  /**
   * A token acts for its creator: refused once the creator is disabled or gone, capped when the creator is demoted.
   * Read on every request, uncached (one primary-key lookup), so a change made through any api process applies to
   * the very next request everywhere, with no cache to invalidate across processes.
   */
  private async underCreator(principal: Principal): Promise<Principal | null> {
    if (!principal.userId) return principal;
    const creator = await this.users.findOne({
      select: { id: true, role: true },
      where: { id: principal.userId, organizationId: principal.organizationId, disabledAt: IsNull() },
    });
    const role = creator && tokenRoleUnder(creator.role, principal.role);
    if (!role) return null;
    return role === principal.role ? principal : { ...principal, role };
  }

  /** Drops a revoked token from the cache, so this process refuses it from the next request on. */
  forgetApiToken(id: string): void {
    for (const [hash, cached] of this.tokenCache) {
      if (cached.principal.id === id) this.tokenCache.delete(hash);
    }
  }

  private noteUse(id: string, now: number): void {
    if (now - (this.lastUsedWritten.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
    if (this.lastUsedWritten.size >= MAX_CACHED_TOKENS) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(id, now);
    void this.tokens.update({ id }, { lastUsedAt: new Date(now) }).catch(() => undefined);
  }

  /**
   * The person behind an access token of a sign-in MCP server, with which of `teamIds` they belong to; null when the
   * user no longer exists. One statement, read on every request, uncached, like a token's creator: disabling,
   * demoting or moving someone through any api process applies to their very next MCP request everywhere.
   */
  async fromSignedInUser(userId: string, teamIds: readonly string[]): Promise<SignedInUser | null> {
    const [user] = (await this.users.query(
      `SELECT u.id, u.organization_id, u.role, u.email, u.disabled_at IS NULL AS active,
              ARRAY(SELECT m.team_id::text FROM memberships m
                     WHERE m.user_id = u.id AND m.team_id = ANY($2::uuid[])) AS member_of
         FROM users u WHERE u.id = $1`,
      [userId, teamIds],
    )) as {
      id: string;
      organization_id: string;
      role: Role;
      email: string;
      active: boolean;
      member_of: string[];
    }[];
    if (!user) return null;
    return {
      principal: {
        kind: 'user',
        id: user.id,
        organizationId: user.organization_id,
        role: user.role,
        userId: user.id,
        actor: `user:${user.id}`,
      },
      email: user.email,
      active: user.active,
      memberOf: new Set(user.member_of),
    };
  }

  /** The session's user, unless the session expired, sat idle past the idle timeout, or the user is disabled. */
  async fromSession(sessionToken: string): Promise<SessionPrincipal | null> {
    const now = Date.now();
    const session = await this.sessions.findOne({
      where: { tokenHash: sha256Hex(sessionToken), expiresAt: MoreThan(new Date(now)) },
    });
    if (!session) return null;
    const seen = session.lastSeenAt.getTime();
    if (now - seen >= this.idleTimeoutMs) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    const user = await this.users.findOne({ where: { id: session.userId, disabledAt: IsNull() } });
    if (!user) return null;
    if (now - seen >= SESSION_SEEN_EVERY_MS) {
      void this.sessions.update({ id: session.id }, { lastSeenAt: new Date(now) }).catch(() => undefined);
    }
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
