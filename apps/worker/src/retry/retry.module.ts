import { Module } from '@nestjs/common';
import { CallerAccountLoader, McpServerLoader, PauseLoader } from '@gw/mcp-servers';
import { McpToolsModule } from '@gw/mcp-tools';
import { ApprovedCall } from './approved-call';
import { ToolCallJob } from './jobs/tool-call.job';
import { RetryAudit } from './retry-audit';

@Module({
  imports: [McpToolsModule],
  providers: [ToolCallJob, McpServerLoader, CallerAccountLoader, PauseLoader, RetryAudit, ApprovedCall],
  exports: [ToolCallJob],
})
export class RetryJobsModule {}
