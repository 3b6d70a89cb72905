import type { ServerResponse } from 'node:http';
import type { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { ServedServer } from '@gw/mcp-servers';

/** setTimeout's longest delay; a later expiry re-arms the timer when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps an open stream (GET `/mcp/{token}` or the older `/sse`) no longer than its URL admits requests: it ends at
 * the server's expiry (a time no poll sees change) and when a change to the server leaves the URL revoked, rotated
 * away or expired.
 */
export class StreamLifetime {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly token: string,
    private readonly res: ServerResponse,
    server: ServedServer,
  ) {
    this.arm(server.expiresAt);
    res.on('close', () => clearTimeout(this.timer));
  }

  /** After a change to the server: whether the stream stays open. */
  async recheck(registry: McpServerRegistry): Promise<boolean> {
    const resolution = await registry.resolve(this.token);
    if (resolution.kind !== 'ok') {
      this.end();
      return false;
    }
    this.arm(resolution.server.expiresAt);
    return true;
  }

  private arm(expiresAt: number | null): void {
    clearTimeout(this.timer);
    if (expiresAt === null) return;
    const delay = expiresAt - Date.now();
    this.timer = setTimeout(
      () => (delay > MAX_TIMER_MS ? this.arm(expiresAt) : this.end()),
      Math.max(0, Math.min(delay, MAX_TIMER_MS)),
    );
    this.timer.unref();
  }

  private end(): void {
    clearTimeout(this.timer);
    if (!this.res.writableEnded) this.res.end();
  }
}
