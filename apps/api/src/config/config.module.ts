import { DynamicModule, Global, Module } from '@nestjs/common';
import {
  AppConfig,
  ApprovalWebhookConfig,
  AuditConfig,
  AuditSinkConfig,
  BootstrapConfig,
  ClickUpConfig,
  DatabaseConfig,
  McpConfig,
  NetworkConfig,
  OAuthConfig,
  OidcConfig,
  QueueConfig,
  RetryConfig,
  SecurityConfig,
  SessionConfig,
} from '@gw/config';
import type { ApiConfigs } from './runtime';

/** Makes each validated config class injectable by its own type. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(configs: ApiConfigs): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: configs.app },
      { provide: DatabaseConfig, useValue: configs.database },
      { provide: QueueConfig, useValue: configs.queue },
      { provide: SecurityConfig, useValue: configs.security },
      { provide: ClickUpConfig, useValue: configs.clickup },
      { provide: BootstrapConfig, useValue: configs.bootstrap },
      { provide: McpConfig, useValue: configs.mcp },
      { provide: AuditConfig, useValue: configs.audit },
      { provide: AuditSinkConfig, useValue: configs.auditSink },
      { provide: RetryConfig, useValue: configs.retry },
      { provide: ApprovalWebhookConfig, useValue: configs.approvalWebhook },
      { provide: SessionConfig, useValue: configs.session },
      { provide: NetworkConfig, useValue: configs.network },
      { provide: OAuthConfig, useValue: configs.oauth },
      { provide: OidcConfig, useValue: configs.oidc },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
