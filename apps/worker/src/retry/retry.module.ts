import { Module } from '@nestjs/common';
import { McpToolsModule } from '@gw/mcp-tools';
import { ToolCallJob } from './jobs/tool-call.job';
import { RetryAudit } from './retry-audit';
import { RetryServers } from './retry-servers';

@Module({
  imports: [McpToolsModule],
  providers: [ToolCallJob, RetryServers, RetryAudit],
  exports: [ToolCallJob],
})
export class RetryJobsModule {}
