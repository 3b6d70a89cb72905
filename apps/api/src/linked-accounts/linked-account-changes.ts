import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** A person whose linked ClickUp account changed. */
export interface LinkedAccountChange {
  organizationId: string;
  userId: string;
}

/**
 * Links, relinks and unlinks made by this process, announced once committed: the MCP endpoint's per-person cache
 * drops the person at once; other processes learn of it from their poll (as `McpServerChanges` does for servers).
 */
@Injectable()
export class LinkedAccountChanges {
  private readonly emitter = new EventEmitter();

  committed(change: LinkedAccountChange): void {
    this.emitter.emit('committed', change);
  }

  onCommitted(listener: (change: LinkedAccountChange) => void): void {
    this.emitter.on('committed', listener);
  }
}
