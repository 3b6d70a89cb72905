import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import type { ClickUpClient } from '@gw/clickup-client';
import type { ServedServer } from '@gw/mcp-servers';
import { approvalDemand, toolMayWait, ToolCatalog, type EffectPreview, type Envelope } from '@gw/mcp-tools';
import { approvalCallHash, auditColumnsOfOrigin } from '@gw/queue';
import { randomUUID } from 'node:crypto';
import { ApprovalWebhooks } from '../../approval-webhooks/approval-webhooks.service';
import { ApprovalExpiryScheduler } from '../../approvals/approval-expiry.scheduler';
import { ApprovalStore } from '../../approvals/approval-store';
import type { CallOrigin } from './tool-call-runner';

/** A call held for approval: what the agent is told at once, and the request (also the id of its future job). */
export interface Held {
  envelope: Envelope;
  approvalId: string | null;
}

/**
 * Holds the calls a server's approval policy makes wait. The call is authorized and its effect read from ClickUp
 * first (`ToolCatalog.preview`), so a call that would be refused is refused now and never waits; then the request
 * is stored, bound to the hash of the exact call, its approvers told, its expiry scheduled, and the agent answered
 * `APPROVAL_REQUIRED` with the request's id and page.
 */
@Injectable()
export class ApprovalGate {
  private readonly logger = new Logger(ApprovalGate.name);

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly store: ApprovalStore,
    private readonly expiry: ApprovalExpiryScheduler,
    private readonly webhooks: ApprovalWebhooks,
    private readonly app: AppConfig,
  ) {}

  /** Whether the server's policy may hold this tool's calls: only those read ClickUp for a preview. */
  mayHold(server: ServedServer, tool: string): boolean {
    const definition = this.catalog.tools.get(tool);
    return definition !== undefined && toolMayWait(server.config.approval, definition);
  }

  /** Null when the call runs now (its preview counts too few tasks); else why and how it waits. */
  async hold(
    server: ServedServer,
    tool: string,
    args: Record<string, unknown>,
    origin: CallOrigin,
    /** A client for reads only, on the call's budget. */
    client: ClickUpClient,
  ): Promise<Held | null> {
    const definition = this.catalog.tools.get(tool);
    const read = await this.catalog.preview(tool, args, {
      client,
      scope: server.scope,
      selection: server.selection,
    });
    if (!read.ok) return { envelope: { ok: false, result: null, issues: read.issues }, approvalId: null };
    const demand = definition && approvalDemand(server.config.approval, definition, read.preview);
    if (!demand) return null;

    const id = randomUUID();
    const expiresAt = new Date(Date.now() + demand.ttlMs);
    const caller = origin.caller ?? null;
    const approvers = server.config.approval?.approvers ?? null;
    const url = `${this.app.dashboardUrl.replace(/\/+$/, '')}/approvals/${id}`;
    await this.store.request(
      {
        id,
        organizationId: server.organizationId,
        serverId: server.id,
        teamId: server.teamId,
        tool,
        arguments: args,
        callHash: approvalCallHash({
          server_id: server.id,
          requester_user_id: caller?.user_id ?? null,
          tool,
          arguments: args,
        }),
        requesterUserId: caller?.user_id ?? null,
        requesterEmail: caller?.email ?? null,
        requesterOauthClientId: caller?.oauth_client_id ?? null,
        requesterClientName: origin.client_name,
        origin,
        approvers,
        approvalsRequired: demand.approvalsRequired,
        preview: read.preview as unknown as Record<string, unknown>,
        expiresAt,
      },
      {
        organizationId: server.organizationId,
        serverId: server.id,
        teamId: server.teamId,
        actor: `mcp:${server.id}`,
        action: 'approval.requested',
        tool,
        arguments: {
          summary: read.preview.summary,
          approvals_required: demand.approvalsRequired,
          approvers: approvers ?? 'owners and admins',
          expires_at: expiresAt.toISOString(),
        },
        outcome: 'queued',
        issueCodes: ['APPROVAL_REQUIRED'],
        jobId: id,
        ...auditColumnsOfOrigin(origin),
        clickupUserId: server.clickupUserId,
      },
    );
    await this.expiry.schedule(id, expiresAt);
    await this.tell(server, id, tool, read.preview, caller?.email ?? null, url, expiresAt);
    return { envelope: approvalRequired(id, url, read.preview, expiresAt), approvalId: id };
  }

  /** The approvers' webhook; a failure to tell them never fails the call, which waits in the console anyway. */
  private async tell(
    server: ServedServer,
    id: string,
    tool: string,
    preview: EffectPreview,
    email: string | null,
    url: string,
    expiresAt: Date,
  ): Promise<void> {
    try {
      await this.webhooks.notify({
        organization_id: server.organizationId,
        team_id: server.teamId,
        approval_id: id,
        server: { id: server.id, name: server.name },
        tool,
        summary: preview.summary,
        requested_by: email ?? 'the server’s secret URL',
        approval_url: url,
        expires_at: expiresAt.toISOString(),
      });
    } catch (error) {
      this.logger.warn({ approval_id: id, err: (error as Error).message }, 'could not notify the approvers');
    }
  }
}

function approvalRequired(id: string, url: string, preview: EffectPreview, expiresAt: Date): Envelope {
  return {
    ok: false,
    result: null,
    issues: [
      {
        code: 'APPROVAL_REQUIRED',
        message:
          `This call waits for a person's approval and has not run (${preview.summary}). Ask the user to have it ` +
          `approved at ${url} before ${expiresAt.toISOString()}; check it with approval_get rather than calling ` +
          'again, which would ask anew.',
        approval_id: id,
        approval_url: url,
      },
    ],
  };
}
