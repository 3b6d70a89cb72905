import {
  AppConfig,
  AuditConfig,
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
} from '@gw/config';

/** Every config class the api reads, validated together at boot. */
export const API_CONFIG_CLASSES = [
  AppConfig,
  DatabaseConfig,
  QueueConfig,
  SecurityConfig,
  ClickUpConfig,
  BootstrapConfig,
  McpConfig,
  AuditConfig,
  RetryConfig,
  SessionConfig,
  NetworkConfig,
  OidcConfig,
  OAuthConfig,
] as const;

export interface ApiConfigs {
  app: AppConfig;
  database: DatabaseConfig;
  queue: QueueConfig;
  security: SecurityConfig;
  clickup: ClickUpConfig;
  bootstrap: BootstrapConfig;
  mcp: McpConfig;
  audit: AuditConfig;
  retry: RetryConfig;
  session: SessionConfig;
  network: NetworkConfig;
  oidc: OidcConfig;
  oauth: OAuthConfig;
}

export function loadApiConfigs(env: Env = process.env): ApiConfigs {
  const [
    app,
    database,
    queue,
    security,
    clickup,
    bootstrap,
    mcp,
    audit,
    retry,
    session,
    network,
    oidc,
    oauth,
  ] = loadConfigs(API_CONFIG_CLASSES, env);
  // Unset PUBLIC_URL follows PORT, so a local api on another port still prints working MCP URLs.
  if (!env['PUBLIC_URL']) app.publicUrl = `http://localhost:${app.port}`;
  return {
    app,
    database,
    queue,
    security,
    clickup,
    bootstrap,
    mcp,
    audit,
    retry,
    session,
    network,
    oidc,
    oauth,
  };
}
