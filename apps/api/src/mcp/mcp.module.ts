import { Module } from '@nestjs/common';
import { CallerAccountLoader, McpServerLoader } from '@gw/mcp-servers';
import { McpToolsModule } from '@gw/mcp-tools';
import { createHash } from 'node:crypto';
import { ENCRYPTION_KEY } from '../security/encryption-key.token';
import { ApprovalWebhooksModule } from '../approval-webhooks/approval-webhooks.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { LinkedAccountsModule } from '../linked-accounts/linked-accounts.module';
import { McpServerChangesModule } from '../mcp-servers/mcp-server-changes.module';
import { PausesModule } from '../pauses/pauses.module';
import { RetryModule } from '../retry/retry.module';
import { TeamsModule } from '../teams/teams.module';
import { McpAdmission } from './admission/admission';
import { McpServerRegistry } from './admission/registry/mcp-server-registry.service';
import { SignInAdmission } from './admission/sign-in/sign-in-admission';
import { McpAudit } from './audit/mcp-audit';
import { McpMetricsRecorder } from './audit/mcp-metrics.recorder';
import { McpDispatcher } from './dispatch/mcp-dispatcher';
import { McpExchange } from './dispatch/mcp-exchange';
import { SessionIds } from './dispatch/session-id';
import { ApprovalTasks } from './dispatch/tasks/approval-tasks';
import { TaskMethods } from './dispatch/tasks/task-methods';
import { ApprovalGate } from './execution/approval-gate';
import { CallerAccountCache } from './execution/caller/caller-account-cache.service';
import { CallerAccounts } from './execution/caller/caller-accounts.service';
import { FollowedApprovals } from './execution/followed-approvals.service';
import { QueuedCalls } from './execution/queued-calls.service';
import { ToolCallRunner } from './execution/tool-call-runner';
import { McpRoutes } from './transport/mcp-routes';
import { ProtectedResourceRoutes } from './transport/protected-resource-routes';
import { LegacySseSessions } from './transport/streams/legacy-sse-sessions';
import { NotificationStreams } from './transport/streams/notification-streams';

/**
 * `/mcp/{token}` and `/mcp/servers/{id}`, one stage per folder, entered in this order by every request: transport
 * (HTTP in and out), admission (which server, who is calling, and may it be used), dispatch (JSON-RPC methods),
 * execution (a tool call, inline or queued) and audit (the row of each request) — docs/adr/0011-mcp-pipeline.md.
 * Sign-in URLs check access tokens with `McpAccessTokens`, which the authorization server's module provides.
 */
@Module({
  imports: [
    McpToolsModule,
    AuthModule,
    AuditModule,
    RetryModule,
    TeamsModule,
    McpServerChangesModule,
    LinkedAccountsModule,
    ApprovalsModule,
    ApprovalWebhooksModule,
    PausesModule,
  ],
  providers: [
    McpRoutes,
    ProtectedResourceRoutes,
    NotificationStreams,
    LegacySseSessions,
    McpAdmission,
    SignInAdmission,
    McpMetricsRecorder,
    McpServerRegistry,
    McpServerLoader,
    McpExchange,
    McpDispatcher,
    TaskMethods,
    ApprovalTasks,
    ToolCallRunner,
    ApprovalGate,
    FollowedApprovals,
    CallerAccounts,
    CallerAccountCache,
    CallerAccountLoader,
    QueuedCalls,
    McpAudit,
    {
      provide: SessionIds,
      inject: [ENCRYPTION_KEY],
      // A key of its own, derived from the encryption key, so session ids never share a key with stored secrets.
      useFactory: (key: string) =>
        new SessionIds(createHash('sha256').update(`mcp-session-ids:${key}`).digest()),
    },
  ],
  exports: [McpRoutes, ProtectedResourceRoutes, McpServerRegistry],
})
export class McpModule {}
