import type { AddressInfo } from 'node:net';
import { parseExposition, sampleSum } from './exposition';
import { GatewayMetrics } from './gateway-metrics';
import { startMetricsServer } from './metrics-server';

describe('startMetricsServer', () => {
  it('answers /metrics only to the bearer of the token, and /healthz to anyone', async () => {
    const metrics = new GatewayMetrics('worker');
    metrics.deadLetters.inc({ queue: 'retries' });
    const server = await startMetricsServer(metrics, { port: 0, host: '127.0.0.1', token: 'scrape-secret' });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(
        401,
      );
      const scrape = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      const exposition = parseExposition(await scrape.text());
      expect(sampleSum(exposition, 'gateway_dead_letters_total', { queue: 'retries', app: 'worker' })).toBe(
        1,
      );
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
