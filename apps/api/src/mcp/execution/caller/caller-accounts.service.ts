import { Injectable } from '@nestjs/common';
import { AppConfig } from '@gw/config';
import {
  actsAsCaller,
  asCaller,
  isCallerRefusal,
  type CallerRefusal,
  type ServedServer,
} from '@gw/mcp-servers';
import type { Envelope, Issue } from '@gw/mcp-tools';
import type { SignedInCaller } from '@gw/queue';
import { LinkRequests } from '../../../linked-accounts/link-requests';
import { LINK_PAGE_PATH } from '../../../linked-accounts/linked-accounts.service';
import { CallerAccountCache } from './caller-account-cache.service';

/** A URL-mode elicitation asking the person to link their ClickUp account (MCP 2025-11-25, elicitation). */
export interface AccountLink {
  elicitationId: string;
  url: string;
  message: string;
}

/** The call does not run: the envelope says why, and `link` is the page the person must open (when there is one). */
export interface CallerDenial {
  envelope: Envelope;
  link: AccountLink | null;
}

/** Who a call acts as: the server as it runs the call (for a caller server, its per-person view). */
export interface Acting {
  server: ServedServer;
}

/**
 * Which ClickUp account a tool call acts with. A server set to `clickup_account: "caller"` runs each call as the
 * signed-in caller's own linked account (`asCaller`): their token, their rate budget, their ClickUp user, within the
 * server's workspace and spaces. Without a signed-in caller, a linked account, or one reaching the server's
 * workspace, the call does not run, and the answer says what the person must do, with the link to do it.
 */
@Injectable()
export class CallerAccounts {
  constructor(
    private readonly cache: CallerAccountCache,
    private readonly requests: LinkRequests,
    private readonly app: AppConfig,
  ) {}

  async actingFor(
    server: ServedServer,
    caller: SignedInCaller | null | undefined,
  ): Promise<Acting | CallerDenial> {
    if (!actsAsCaller(server)) return { server };
    if (!caller)
      return { envelope: failed({ code: 'FORBIDDEN', message: this.signInNeeded(server) }), link: null };
    const account = await this.cache.accountOf(server.organizationId, caller.user_id);
    const acting = asCaller(server, account);
    if (isCallerRefusal(acting)) return this.linkNeeded(server, caller, acting);
    if (account) this.cache.noteUse(account);
    return { server: acting };
  }

  /**
   * A call that ran as its caller and ClickUp refused the token (revoked in ClickUp's settings, or the account
   * removed): the same envelope, its AUTH_ERROR worded as what the person must do, with the link to relink.
   */
  explainRefusedToken(
    server: ServedServer,
    caller: SignedInCaller | null | undefined,
    envelope: Envelope,
  ): Envelope {
    if (!actsAsCaller(server) || !caller || !envelope.issues.some((i) => i.code === 'AUTH_ERROR'))
      return envelope;
    const link = this.link(server, caller);
    return {
      ...envelope,
      issues: envelope.issues.map((issue) =>
        issue.code === 'AUTH_ERROR'
          ? {
              ...issue,
              message:
                `ClickUp no longer accepts the ClickUp account ${caller.email} linked (the authorization was revoked ` +
                `in ClickUp, or the account lost access). Relink it at ${link.url}, then call the tool again.`,
              link_url: link.url,
            }
          : issue,
      ),
    };
  }

  private linkNeeded(server: ServedServer, caller: SignedInCaller, refusal: CallerRefusal): CallerDenial {
    const link = this.link(server, caller);
    const message =
      refusal.refused === 'not_linked'
        ? `The MCP server "${server.name}" acts as each person's own ClickUp account, and ${caller.email} has not ` +
          `linked one yet. Open ${link.url} to link it, then call the tool again.`
        : `The ClickUp account ${refusal.clickupUsername} that ${caller.email} linked was not authorized for the ` +
          `workspace ${workspaceLabel(refusal.workspace)} this MCP server works in. Relink it at ${link.url} and tick ` +
          `that workspace on ClickUp's consent page, then call the tool again.`;
    const prompt =
      refusal.refused === 'not_linked'
        ? `Link your ClickUp account to use "${server.name}": its calls act as you in ClickUp.`
        : `Relink your ClickUp account and tick the workspace ${workspaceLabel(refusal.workspace)} to use "${server.name}".`;
    return {
      envelope: failed({ code: 'CLICKUP_ACCOUNT_NOT_LINKED', message, link_url: link.url }),
      link: { ...link, message: prompt },
    };
  }

  private link(server: ServedServer, caller: SignedInCaller): Omit<AccountLink, 'message'> {
    const elicitationId = this.requests.issue(caller.user_id, server.id);
    const url = new URL(`${this.app.dashboardUrl.replace(/\/+$/, '')}${LINK_PAGE_PATH}`);
    url.searchParams.set('elicitation', elicitationId);
    return { elicitationId, url: url.toString() };
  }

  private signInNeeded(server: ServedServer): string {
    const signIn = `${this.app.publicUrl.replace(/\/+$/, '')}/mcp/servers/${server.id}`;
    return (
      `The MCP server "${server.name}" acts as each person's own ClickUp account, so it must be reached by signing ` +
      `in (${signIn}), not through its secret URL.`
    );
  }
}

export function isCallerDenial(value: Acting | CallerDenial): value is CallerDenial {
  return 'envelope' in value;
}

const failed = (issue: Issue): Envelope => ({ ok: false, result: null, issues: [issue] });

const workspaceLabel = (workspace: { id: string; name: string | null }) =>
  workspace.name ? `"${workspace.name}" (${workspace.id})` : workspace.id;
