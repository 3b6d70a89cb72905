import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClickUpConnectionEntity, McpServerEntity } from '@gw/db';
import { TeamsModule } from '../teams/teams.module';
import { McpServerChangesModule } from '../mcp-servers/mcp-server-changes.module';
import { ClickUpAccountsService } from './clickup-accounts.service';
import { ConnectionCredentialsService } from './connection-credentials.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { ClickUpOAuthFlow } from './oauth/clickup-oauth-flow.service';
import { ConnectionOAuthController } from './oauth/connection-oauth.controller';
import { ConnectionOAuthService } from './oauth/connection-oauth.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ClickUpConnectionEntity, McpServerEntity]),
    TeamsModule,
    McpServerChangesModule,
  ],
  controllers: [ConnectionOAuthController, ConnectionsController],
  providers: [
    ConnectionCredentialsService,
    ClickUpAccountsService,
    ConnectionsService,
    ConnectionOAuthService,
    ClickUpOAuthFlow,
  ],
  exports: [ConnectionCredentialsService, ClickUpAccountsService, ConnectionsService, ClickUpOAuthFlow],
})
export class ConnectionsModule {}
