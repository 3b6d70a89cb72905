import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Changes to MCP servers made by this process, announced once they are committed. The MCP endpoint's server cache
 * listens, so a revoke, rotation or edit takes effect here before its REST answer is sent; other processes learn
 * of it from their poll.
 */
@Injectable()
export class McpServerChanges {
  private readonly emitter = new EventEmitter();

  committed(serverId: string): void {
    this.emitter.emit('committed', serverId);
  }

  onCommitted(listener: (serverId: string) => void): void {
    this.emitter.on('committed', listener);
  }
}
