import {
  AppConfig,
  ApprovalWebhookConfig,
  AuditConfig,
  AuditSinkConfig,
  BootstrapConfig,
  ClickUpConfig,
  DatabaseConfig,
  Env,
  loadConfigs,
  McpConfig,
  NetworkConfig,
  OidcConfig,
  OAuthConfig,
  QueueConfig,
  RetryConfig,
  SecurityConfig,
  SessionConfig,
  TracingConfig,
} from '@gw/config';

/** Every config class the api reads, by the name the api knows it by, validated together at boot. */
const API_CONFIGS = {
  app: AppConfig,
  database: DatabaseConfig,
  queue: QueueConfig,
  security: SecurityConfig,
  clickup: ClickUpConfig,
  bootstrap: BootstrapConfig,
  mcp: McpConfig,
  audit: AuditConfig,
  auditSink: AuditSinkConfig,
  retry: RetryConfig,
  approvalWebhook: ApprovalWebhookConfig,
  session: SessionConfig,
  network: NetworkConfig,
  oidc: OidcConfig,
  oauth: OAuthConfig,
  tracing: TracingConfig,
} as const;

const API_CONFIG_CLASSES = Object.values(API_CONFIGS);

export type ApiConfigs = { [K in keyof typeof API_CONFIGS]: InstanceType<(typeof API_CONFIGS)[K]> };

export function loadApiConfigs(env: Env = process.env): ApiConfigs {
  const names = Object.keys(API_CONFIGS);
  const loaded = loadConfigs(API_CONFIG_CLASSES, env);
  const configs = Object.fromEntries(names.map((name, i) => [name, loaded[i]])) as ApiConfigs;
  // Unset PUBLIC_URL follows PORT, so a local api on another port still prints working MCP URLs.
  if (!env['PUBLIC_URL']) configs.app.publicUrl = `http://localhost:${configs.app.port}`;
  return configs;
}
