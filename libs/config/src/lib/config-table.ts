import { AppConfig } from './app.config';
import { ApprovalWebhookConfig } from './approval-webhook.config';
import { AuditArchiveConfig } from './audit-archive.config';
import { AuditCheckpointConfig } from './audit-checkpoint.config';
import { AuditConfig } from './audit.config';
import { AuditSinkConfig } from './audit-sink.config';
import { BootstrapConfig } from './bootstrap.config';
import { ClickUpConfig } from './clickup.config';
import { DatabaseConfig } from './database.config';
import { envVarsOf } from './env-var.decorator';
import { McpConfig } from './mcp.config';
import { NetworkConfig } from './network.config';
import { OAuthConfig } from './oauth.config';
import { OidcConfig } from './oidc.config';
import { QueueConfig } from './queue.config';
import { RetryConfig } from './retry.config';
import { SandboxConfig } from './sandbox.config';
import { SecurityConfig } from './security.config';
import { SessionConfig } from './session.config';
import { TracingConfig } from './tracing.config';

/** The config classes users configure, in the order the README lists them. */
export const DOCUMENTED_CONFIGS = [
  ['api', AppConfig],
  ['database', DatabaseConfig],
  ['queue', QueueConfig],
  ['retries', RetryConfig],
  ['webhooks', ApprovalWebhookConfig],
  ['security', SecurityConfig],
  ['sessions', SessionConfig],
  ['single sign-on', OidcConfig],
  ['network', NetworkConfig],
  ['MCP', McpConfig],
  ['MCP sign-in', OAuthConfig],
  ['audit', AuditConfig],
  ['audit integrity', AuditCheckpointConfig],
  ['audit integrity', AuditArchiveConfig],
  ['tracing', TracingConfig],
  ['audit sinks', AuditSinkConfig],
  ['ClickUp', ClickUpConfig],
  ['first start', BootstrapConfig],
  ['sandbox', SandboxConfig],
] as const;

/** The README's configuration table, generated from the @EnvVar declarations so the two cannot drift apart. */
export function renderConfigTable(): string {
  const seen = new Set<string>();
  const rows = ['| variable | group | default | meaning |', '|---|---|---|---|'];
  for (const [group, configClass] of DOCUMENTED_CONFIGS) {
    for (const v of envVarsOf(configClass)) {
      if (seen.has(v.name)) continue;
      seen.add(v.name);
      const fallback =
        v.default === undefined ? '' : v.default.startsWith('(') ? v.default : `\`${v.default}\``;
      const description = v.secret
        ? `${v.description} Secret: may be given as a file path in \`${v.name}_FILE\` instead.`
        : v.description;
      rows.push(`| \`${v.name}\` | ${group} | ${fallback} | ${description.replace(/\|/g, '\\|')} |`);
    }
  }
  return rows.join('\n');
}
