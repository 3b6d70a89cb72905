import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool } from '../support/mcp';

/**
 * The test playing the model: every tool call goes through a real MCP client, is counted, and must succeed
 * (an agent would have to recover from a failed call, which costs calls a workflow should not need).
 */
export class Agent {
  private readonly log: string[] = [];

  constructor(private readonly client: Client) {}

  get calls(): number {
    return this.log.length;
  }

  /** The distinct tools used, in first-use order. */
  get tools(): string[] {
    return [...new Set(this.log)];
  }

  async call<T>(tool: string, args: Record<string, unknown> = {}): Promise<T> {
    this.log.push(tool);
    const envelope = await callTool<T>(this.client, tool, args);
    if (!envelope?.ok || envelope.result === null) {
      throw new Error(`${tool}(${JSON.stringify(args)}) failed: ${JSON.stringify(envelope?.issues)}`);
    }
    return envelope.result;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
