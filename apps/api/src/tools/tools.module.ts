import { Module } from '@nestjs/common';
import { McpToolsModule } from '@gw/mcp-tools';
import { ToolsController } from './tools.controller';
import { ToolsService } from './tools.service';

@Module({
  imports: [McpToolsModule],
  controllers: [ToolsController],
  providers: [ToolsService],
})
export class ToolsModule {}
