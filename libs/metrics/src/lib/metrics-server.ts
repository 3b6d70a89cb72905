import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { GatewayMetrics } from './gateway-metrics';

export interface MetricsServerOptions {
  port: number;
  host?: string;
  /** When set, a scrape must send `Authorization: Bearer <token>` (the api's `METRICS_TOKEN`). */
  token?: string;
}

/**
 * The worker's `/metrics`: a bare HTTP listener (the worker serves nothing else), with the api's bearer-token rule.
 * Probes of `/healthz` answer 200 so an orchestrator can use the same port.
 */
export function startMetricsServer(metrics: GatewayMetrics, options: MetricsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (options.token && !bearerMatches(req.headers.authorization, options.token)) {
      res
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('/metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    metrics.scrape().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
