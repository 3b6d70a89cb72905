import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { ApprovalWebhooksModule } from '../approval-webhooks/approval-webhooks.module';
import { AuditModule } from '../audit/audit.module';
import { AuditSinksModule } from '../audit-sinks/audit-sinks.module';
import { AuthModule } from '../auth/auth.module';
import { BootstrapModule } from '../bootstrap/bootstrap.module';
import { GlobalExceptionFilter } from './global-exception.filter';
import { ConnectionsModule } from '../connections/connections.module';
import { EncryptionModule } from '../encryption/encryption.module';
import { HealthModule } from '../health/health.module';
import { LinkedAccountsModule } from '../linked-accounts/linked-accounts.module';
import { LoggingModule } from '../logging/logging.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { McpServersModule } from '../mcp-servers/mcp-servers.module';
import { McpModule } from '../mcp/mcp.module';
import { MetricsModule } from '../metrics/metrics.module';
import { OAuthModule } from '../oauth/oauth.module';
import { PausesModule } from '../pauses/pauses.module';
import { StatsModule } from '../stats/stats.module';
import { TeamsModule } from '../teams/teams.module';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { ToolsModule } from '../tools/tools.module';
import { SettingsModule } from '../settings/settings.module';
import { SsoModule } from '../sso/sso.module';
import { UsersModule } from '../users/users.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { InfrastructureModule } from './infrastructure.module';
import type { ApiRuntime } from './runtime';

@Module({})
export class AppModule {
  /** `modules`: more to load beside the api's own (the tests' stand-ins for parts built elsewhere). */
  static forRoot(runtime: ApiRuntime, modules: NonNullable<ModuleMetadata['imports']> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...modules,
        InfrastructureModule.forRoot(runtime),
        LoggingModule,
        MetricsModule,
        SecurityEventsModule,
        RateLimitsModule,
        HealthModule,
        AuthModule,
        AuditModule,
        AuditSinksModule,
        BootstrapModule,
        MaintenanceModule,
        ConnectionsModule,
        LinkedAccountsModule,
        McpServersModule,
        UsersModule,
        TeamsModule,
        ApprovalWebhooksModule,
        ApiTokensModule,
        PausesModule,
        WorkspacesModule,
        ToolsModule,
        StatsModule,
        SettingsModule,
        EncryptionModule,
        OAuthModule,
        SsoModule,
        ApprovalsModule,
        McpModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
