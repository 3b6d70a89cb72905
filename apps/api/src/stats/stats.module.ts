import { Module } from '@nestjs/common';
import { McpToolsModule } from '@gw/mcp-tools';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [McpToolsModule],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
