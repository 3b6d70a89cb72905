import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { FailureLimiter } from '../rate-limits/failure-limiter.service';
import { SecurityEvents } from '../security-events/security-events.service';
import type { SsoFailure } from './sso-failure';
import type { ProvisionedUser } from './sso-provisioning.service';

/** The browser request a sign-in arrived on. */
export interface SignInClient {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export const SSO_LOGIN_ACTION = 'auth.sso_login';

/**
 * What each single sign-on leaves behind. A sign-in, and a refusal of a known person of the gateway (disabled, no
 * longer in a mapped group), is an audit row of that person's organization. A refusal nobody could be named for
 * (a forged or replayed answer, an IdP error) is a security event and spends the address's failure budget, as a
 * failed password does. "Not assigned" is always a security event too: it is what a wrong or stale mapping
 * looks like to the people who run the gateway.
 */
@Injectable()
export class SsoSignInRecorder {
  constructor(
    private readonly audit: AuditService,
    private readonly events: SecurityEvents,
    private readonly failures: FailureLimiter,
  ) {}

  async succeeded(issuer: string, provisioned: ProvisionedUser, client: SignInClient): Promise<void> {
    const { user, access } = provisioned;
    await this.audit.record({
      organizationId: user.organizationId,
      actor: `user:${user.id}`,
      actorUserId: user.id,
      actorEmail: user.email,
      action: SSO_LOGIN_ACTION,
      arguments: {
        issuer,
        account: provisioned.how,
        role: user.role,
        team_ids: access.teamIds,
        ...(provisioned.keptLastOwner ? { kept_last_owner: true } : {}),
      },
      outcome: 'ok',
      ...this.request(client),
    });
  }

  async refused(issuer: string | null, failure: SsoFailure, client: SignInClient): Promise<void> {
    const person = failure.person;
    if (person) {
      await this.audit.record({
        organizationId: person.organizationId,
        actor: `user:${person.id}`,
        actorUserId: person.id,
        actorEmail: person.email,
        action: SSO_LOGIN_ACTION,
        arguments: { issuer, reason: failure.code },
        outcome: 'denied',
        issueCodes: ['FORBIDDEN'],
        ...this.request(client),
      });
    }
    if (failure.code === 'not_assigned') this.events.record(client.ip, 'sso_not_assigned');
    else if (!person) this.events.record(client.ip, 'sso_failed');
    if (!person) await this.failures.charge(client.ip);
  }

  private request(client: SignInClient) {
    return { ip: client.ip, userAgent: client.userAgent, requestId: client.requestId, durationMs: null };
  }
}
