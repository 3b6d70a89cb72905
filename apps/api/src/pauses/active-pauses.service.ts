import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { McpConfig } from '@gw/config';
import {
  PauseLoader,
  pauseCovering,
  pausedMessage,
  type ActivePause,
  type PausableServer,
} from '@gw/mcp-servers';
import { EventEmitter } from 'node:events';

/** Past this without a successful poll, this process cannot tell whether a call is paused, and refuses it. */
export const PAUSES_FRESHNESS_LIMIT_MS = 5000;

export const PAUSES_UNCONFIRMED =
  'The gateway cannot confirm right now that MCP access of this server is not paused (its database is not answering); retry shortly.';

/**
 * The pauses in force, per api process, so every MCP request can be checked without I/O. Active pauses are few
 * (an emergency stop, not a setting), so each poll reads them all in one indexed query, every `MCP_SERVER_CACHE_POLL_MS`
 * (at most 1 s): a pause or resume made in another process applies here within a poll, and one made in this process
 * at once (`refresh` after the commit). No change tracking is needed: the answer is the whole state. Listeners of
 * `paused` learn of pauses this process had not seen (open MCP streams they cover are closed).
 */
@Injectable()
export class ActivePauses implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ActivePauses.name);
  readonly events = new EventEmitter();
  private byOrganization = new Map<string, ActivePause[]>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Local time at which the last applied poll was sent. */
  private confirmedAt = 0;
  /** Polls can overlap (a refresh during a scheduled poll): only a newer one than the last applied is applied. */
  private sent = 0;
  private applied = 0;

  constructor(
    private readonly loader: PauseLoader,
    private readonly mcp: McpConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * The pause stopping a server's calls (the widest, when several do), null when none does, or `unconfirmed` when
   * this process has not been able to read the pauses for too long.
   */
  covering(server: PausableServer): ActivePause | null | 'unconfirmed' {
    if (Date.now() - this.confirmedAt > PAUSES_FRESHNESS_LIMIT_MS) return 'unconfirmed';
    return pauseCovering(this.byOrganization.get(server.organizationId) ?? [], server);
  }

  /** Why a server's MCP access is refused for a pause (the message names it), or null when it is not paused. */
  refusalFor(server: PausableServer): string | null {
    const pause = this.covering(server);
    return pause === null ? null : pause === 'unconfirmed' ? PAUSES_UNCONFIRMED : pausedMessage(pause);
  }

  /** Reads the pauses now: after a pause or resume committed by this process, so it applies before the answer. */
  async refresh(): Promise<void> {
    const seq = ++this.sent;
    const sentAt = Date.now();
    try {
      const pauses = await this.loader.active();
      if (seq < this.applied) return;
      this.applied = seq;
      this.confirmedAt = sentAt;
      this.apply(pauses);
    } catch (error) {
      this.logger.warn(
        `could not read the pauses; MCP calls are refused after ${PAUSES_FRESHNESS_LIMIT_MS} ms without a read: ${(error as Error).message}`,
      );
    }
  }

  private apply(pauses: ActivePause[]): void {
    const known = new Set([...this.byOrganization.values()].flat().map((p) => p.id));
    const next = new Map<string, ActivePause[]>();
    for (const pause of pauses) {
      const list = next.get(pause.organizationId) ?? [];
      list.push(pause);
      next.set(pause.organizationId, list);
    }
    this.byOrganization = next;
    const added = pauses.filter((p) => !known.has(p.id));
    if (added.length > 0) this.events.emit('paused', added);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh().finally(() => this.schedule()), this.mcp.cachePollMs);
    this.timer.unref();
  }
}
