import { Module } from '@nestjs/common';
import { McpServerChanges } from './mcp-server-changes';

/** Its own module, so the MCP endpoint can listen without depending on the provisioning feature. */
@Module({ providers: [McpServerChanges], exports: [McpServerChanges] })
export class McpServerChangesModule {}
