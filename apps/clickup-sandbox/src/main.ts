import 'reflect-metadata';
import { ConfigError, loadConfigs, SandboxConfig } from '@gw/config';
import { SandboxOAuthConfig } from './config/sandbox-oauth.config';
import { createSandbox } from './sandbox';

async function main(): Promise<void> {
  const [config, oauth] = loadConfigs([SandboxConfig, SandboxOAuthConfig] as const);
  const sandbox = createSandbox({
    latencyMs: config.latencyMs,
    rateLimitPerMinute: config.rateLimitPerMinute,
    oauthClients: [{ clientId: oauth.clientId, clientSecret: oauth.clientSecret }],
  });
  const url = await sandbox.listen(config.port, config.host);
  console.log(`ClickUp sandbox listening on ${url} (token pk_sandbox_owner)`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
