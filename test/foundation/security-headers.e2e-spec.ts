import { Stack } from '../support/stack';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

describe('the api’s security headers and its internal /metrics', () => {
  const plain = new Stack('postgres', { worker: false, env: { METRICS_TOKEN } });
  const https = new Stack('postgres', { worker: false, env: { PUBLIC_URL: 'https://gateway.example.com' } });

  beforeAll(async () => {
    await Promise.all([plain.start(), https.start()]);
  }, 120_000);
  afterAll(() => Promise.all([plain.stop(), https.stop()]), 60_000);

  it('forbids framing, referrers and sniffing on REST and health answers, and sends HSTS only on https', async () => {
    for (const path of ['/api/v1/auth/me', '/healthz', '/api/v1/no-such-route']) {
      const res = await fetch(`${plain.baseUrl}${path}`);
      const policy = res.headers.get('content-security-policy') ?? '';
      expect({ path, policy }).toEqual({ path, policy: expect.stringContaining("frame-ancestors 'none'") });
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const secure = await fetch(`${https.baseUrl}/healthz`);
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
  });

  it('still serves the OpenAPI page with every asset it loads, inside its policy', async () => {
    const page = await fetch(`${plain.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Inline scripts would be blocked: the page must load its code from files of the api.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const res = await fetch(new URL(asset, `${plain.baseUrl}/api/docs/`));
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
    }
  });

  it('answers /metrics only to the bearer of METRICS_TOKEN when it is set', async () => {
    expect((await fetch(`${plain.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${plain.baseUrl}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const scrape = await fetch(`${plain.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('# TYPE');
    // Unset, it stays open for a Prometheus on the internal network.
    expect((await fetch(`${https.baseUrl}/metrics`)).status).toBe(200);
  });
});
