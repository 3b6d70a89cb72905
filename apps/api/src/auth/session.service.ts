import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { OrganizationEntity, SessionEntity, UserEntity } from '@gw/db';
import { generateSecret, sha256Hex, verifyPassword } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { PasswordSignInPolicy } from './password-sign-in.policy';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionClient {
  ip?: string;
  userAgent?: string;
}

export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserEntity;
  organization: OrganizationEntity;
}

/** Dashboard sign-in: a random session secret in an httpOnly cookie, only its hash in the database. */
@Injectable()
export class SessionService {
  // Spent on unknown emails too, so response time does not reveal which accounts exist.
  private readonly decoyHash =
    'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly passwordSignIn: PasswordSignInPolicy,
  ) {}

  /**
   * A session for a password. Refused alike (null, after the same hashing) for an unknown email, a wrong password,
   * a disabled user and one whom the organization no longer lets sign in with a password.
   */
  async open(email: string, password: string, client: SessionClient): Promise<OpenedSession | null> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase(), disabledAt: IsNull() } });
    const valid = await verifyPassword(password, user?.passwordHash ?? this.decoyHash);
    if (!user || !valid || !(await this.passwordSignIn.allows(user))) return null;
    return this.start(user, client);
  }

  /** A session for a user whose identity was proven some other way (single sign-on). */
  async start(user: UserEntity, client: SessionClient): Promise<OpenedSession> {
    const sessionToken = generateSecret('gws_');
    const csrfToken = generateSecret('');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.sessions.insert({
      id: randomUUID(),
      userId: user.id,
      tokenHash: sha256Hex(sessionToken),
      csrfTokenHash: sha256Hex(csrfToken),
      expiresAt,
      lastSeenAt: new Date(),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    });
    const organization = await this.organizations.findOneByOrFail({ id: user.organizationId });
    return { sessionToken, csrfToken, expiresAt, user, organization };
  }

  async close(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  async organizationOf(id: string): Promise<{ id: string; name: string }> {
    const organization = await this.organizations.findOneByOrFail({ id });
    return { id: organization.id, name: organization.name };
  }

  async describe(userId: string): Promise<{ user: UserEntity; organization: OrganizationEntity }> {
    const user = await this.users.findOneByOrFail({ id: userId });
    const organization = await this.organizations.findOneByOrFail({ id: user.organizationId });
    return { user, organization };
  }
}
