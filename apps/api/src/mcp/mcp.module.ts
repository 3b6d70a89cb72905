import { Module } from '@nestjs/common';
import { McpToolsModule } from '@gw/mcp-tools';
import { createHash } from 'node:crypto';
import { ENCRYPTION_KEY } from '../app/injection-tokens';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConnectionCredentialsService } from '../connections/connection-credentials.service';
import { McpServerChangesModule } from '../mcp-servers/mcp-server-changes.module';
import { RetryModule } from '../retry/retry.module';
import { TeamsModule } from '../teams/teams.module';
import { McpRoutes } from './http/mcp-routes';
import { McpDispatcher } from './protocol/mcp-dispatcher';
import { SessionIds } from './protocol/session-id';
import { McpServerRegistry } from './registry/mcp-server-registry.service';
import { LegacySseSessions } from './streams/legacy-sse-sessions';
import { NotificationStreams } from './streams/notification-streams';

@Module({
  imports: [McpToolsModule, AuthModule, AuditModule, RetryModule, TeamsModule, McpServerChangesModule],
  providers: [
    McpRoutes,
    McpDispatcher,
    McpServerRegistry,
    NotificationStreams,
    LegacySseSessions,
    ConnectionCredentialsService,
    {
      provide: SessionIds,
      inject: [ENCRYPTION_KEY],
      // A key of its own, derived from the encryption key, so session ids never share a key with stored secrets.
      useFactory: (key: string) =>
        new SessionIds(createHash('sha256').update(`mcp-session-ids:${key}`).digest()),
    },
  ],
  exports: [McpRoutes, McpServerRegistry],
})
export class McpModule {}
