import { Injectable } from '@nestjs/common';
import { AppConfig, McpConfig } from '@gw/config';
import type { ServedServer } from '@gw/mcp-servers';
import { activeSpan, inSpan, markError, SPANS, type Span } from '@gw/tracing';
import { PrincipalResolver } from '../../auth/principal.resolver';
import { mayUseServer } from '../../auth/access/server-access';
import { FailureLimiter } from '../../rate-limits/failure-limiter.service';
import { SecurityEvents } from '../../security-events/security-events.service';
import { TeamsService } from '../../teams/teams.service';
import { McpAudit } from '../audit/mcp-audit';
import { SessionIds } from '../dispatch/session-id';
import { header, type Admitted, type McpRequest } from '../mcp-request';
import { admissionOf, Denied } from './denial';
import { ActivePauses } from '../../pauses/active-pauses.service';
import { McpServerRegistry } from './registry/mcp-server-registry.service';
import { allowedOrigins, bearerToken, originAllowed, protocolVersionProblem } from './request-checks';
import { SignInAdmission } from './sign-in/sign-in-admission';

export const SESSION_HEADER = 'mcp-session-id';

/**
 * The one place a request to an MCP URL becomes a server it may use: Origin, token or server id, expiry and
 * revocation, second factor (a secret URL) or signed-in person (a sign-in URL), protocol version, and (for a
 * stream) whether its MCP access is paused. A refusal is
 * recorded here: one naming a server goes to its organization's audit chain; one naming none (unknown URL, foreign
 * origin, missing or refused access token) belongs to nobody and is counted as a security event. Both spend the
 * address's failure budget (docs/adr/0010-unauthenticated-refusals.md), except a sign-in client's first, tokenless
 * request.
 */
@Injectable()
export class McpAdmission {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(
    private readonly registry: McpServerRegistry,
    private readonly signIn: SignInAdmission,
    private readonly principals: PrincipalResolver,
    private readonly teams: TeamsService,
    private readonly sessions: SessionIds,
    private readonly audit: McpAudit,
    private readonly securityEvents: SecurityEvents,
    private readonly failures: FailureLimiter,
    private readonly pauses: ActivePauses,
    app: AppConfig,
    mcp: McpConfig,
  ) {
    this.allowedOrigins = allowedOrigins([app.publicUrl, app.dashboardUrl, ...mcp.allowedOrigins]);
  }

  /** Whether a browser on this origin may call the MCP URLs. */
  allowsOrigin(origin: string | undefined): boolean {
    return originAllowed(origin, this.allowedOrigins);
  }

  admit(req: McpRequest): Promise<Admitted | Denied> {
    return inSpan(SPANS.admission, {}, async (span) => {
      const verdict = await this.check(req);
      if (span.isRecording()) describeVerdict(span, req, verdict);
      // Unconfirmed: the database is not answering, so there is no server to name and no audit log to write to.
      if (verdict instanceof Denied && verdict.status !== 503) await this.record(req, verdict);
      return verdict;
    });
  }

  /**
   * Whether the URL still admits requests: a batch asks before each message, so a revoke (or a switch of the
   * server's access mode) stops it part-way. The person was admitted with the request and is not asked again.
   */
  async recheck(req: McpRequest): Promise<ServedServer | Denied> {
    return admissionOf(await this.registry.resolve(req.address), req.address.kind === 'sign_in');
  }

  private async check(req: McpRequest): Promise<Admitted | Denied> {
    if (!this.allowsOrigin(header(req, 'origin')))
      return refused(new Denied(403, 'Forbidden: origin not allowed'), 'origin');
    const server = await this.recheck(req);
    if (server instanceof Denied) {
      return refused(
        server,
        server.status === 503 ? 'unavailable' : server.server ? 'expired' : 'unknown_url',
      );
    }
    let person: Admitted['person'] = null;
    if (req.address.kind === 'sign_in') {
      const signedIn = await this.signIn.person(req.headers, server);
      if (signedIn instanceof Denied) return refused(signedIn, 'sign_in');
      person = signedIn;
    } else if (server.config.require_api_token_auth && !(await this.secondFactor(req, server))) {
      return refused(
        new Denied(
          401,
          'This MCP URL needs Authorization: Bearer <api token> of an owner, an admin or a member of its team',
          { 'www-authenticate': 'Bearer realm="mcp", error="invalid_token"' },
          server,
        ),
        'second_factor',
      );
    }
    const problem = req.carriesMessages ? null : protocolVersionProblem(req.headers);
    if (problem)
      return refused(new Denied(400, problem, {}, server, person ? { person } : {}), 'protocol_version');
    // A paused server opens no stream; its messages are answered (tools/call refused) by the dispatcher.
    const paused = req.carriesMessages ? null : this.pauses.refusalFor(server);
    if (paused)
      return refused(
        new Denied(403, paused, {}, server, person ? { person, uncharged: true } : { uncharged: true }),
        'paused',
      );
    return { server, person };
  }

  private async secondFactor(req: McpRequest, server: ServedServer): Promise<boolean> {
    const token = bearerToken(req.headers);
    const principal = token ? await this.principals.fromApiToken(token) : null;
    return principal !== null && (await mayUseServer(principal, server, this.teams));
  }

  private async record(req: McpRequest, denial: Denied): Promise<void> {
    const server = denial.server;
    if ((denial.status === 401 || denial.status === 403 || denial.status === 404) && !denial.record.uncharged)
      await this.failures.charge(req.ip).catch(() => undefined);
    if (!server) {
      this.securityEvents.record(
        req.ip,
        denial.record.securityEvent ?? (denial.status === 403 ? 'mcp_forbidden_origin' : 'mcp_unknown_token'),
      );
      return;
    }
    const client = this.sessions.read(header(req, SESSION_HEADER), server.id);
    await this.audit.denied(req, { server, person: denial.record.person ?? null }, denial, client);
  }
}

/** What an `mcp.admission` span says: admitted or denied, the server, a denial's status (its reason comes from `refused`). */
function describeVerdict(span: Span, req: McpRequest, verdict: Admitted | Denied): void {
  span.setAttribute('mcp.address.kind', req.address.kind);
  if (!(verdict instanceof Denied)) {
    span.setAttributes({ 'mcp.admission.outcome': 'admitted', 'mcp.server.id': verdict.server.id });
    return;
  }
  if (verdict.server) span.setAttribute('mcp.server.id', verdict.server.id);
  span.setAttributes({ 'mcp.admission.outcome': 'denied', 'http.response.status_code': verdict.status });
  if (verdict.status >= 500) markError(span, String(verdict.status));
}

/**
 * A denial, its reason named on the `mcp.admission` span as a code (`origin`, `unknown_url`, `expired`, `sign_in`,
 * `second_factor`, `protocol_version`, `paused`, `unavailable`): never the token or the credential tried.
 */
function refused(denial: Denied, reason: string): Denied {
  activeSpan().setAttribute('mcp.admission.reason', reason);
  return denial;
}
