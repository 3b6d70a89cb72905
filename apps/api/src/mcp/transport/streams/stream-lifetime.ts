import type { ServerResponse } from 'node:http';
import type { McpServerRegistry } from '../../admission/registry/mcp-server-registry.service';
import type { Admitted, McpAddress } from '../../mcp-request';

/** setTimeout's longest delay; a later expiry re-arms the timer when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps an open stream (GET on an MCP URL, or the older `/sse`) no longer than its URL admits requests: it ends at
 * the server's expiry (a time no poll sees change), at the expiry of the access token that opened it (a sign-in URL),
 * and when a change to the server leaves the URL revoked, rotated away, expired or no longer answering at this kind
 * of address.
 */
export class StreamLifetime {
  private timer?: NodeJS.Timeout;
  /** When the access token that opened the stream expires; null at a secret URL. */
  private readonly tokenExpiresAt: number | null;

  constructor(
    private readonly address: McpAddress,
    private readonly res: ServerResponse,
    { server, person }: Admitted,
  ) {
    this.tokenExpiresAt = person?.tokenExpiresAt ?? null;
    this.arm(server.expiresAt);
    res.on('close', () => clearTimeout(this.timer));
  }

  /** After a change to the server: whether the stream stays open. */
  async recheck(registry: McpServerRegistry): Promise<boolean> {
    const resolution = await registry.resolve(this.address);
    if (resolution.kind !== 'ok') {
      this.end();
      return false;
    }
    this.arm(resolution.server.expiresAt);
    return true;
  }

  private arm(serverExpiresAt: number | null): void {
    const expiresAt =
      serverExpiresAt === null || this.tokenExpiresAt === null
        ? (serverExpiresAt ?? this.tokenExpiresAt)
        : Math.min(serverExpiresAt, this.tokenExpiresAt);
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
