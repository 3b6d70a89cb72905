import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { McpServerEntity, UserEntity } from '@gw/db';
import { ConnectionsModule } from '../connections/connections.module';
import { TeamsModule } from '../teams/teams.module';
import { McpServerChangesModule } from './mcp-server-changes.module';
import { McpServerExpiryScheduler } from './mcp-server-expiry.scheduler';
import { McpServersController } from './mcp-servers.controller';
import { McpServersService } from './mcp-servers.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([McpServerEntity, UserEntity]),
    ConnectionsModule,
    TeamsModule,
    McpServerChangesModule,
  ],
  controllers: [McpServersController],
  providers: [McpServersService, McpServerExpiryScheduler],
})
export class McpServersModule {}
