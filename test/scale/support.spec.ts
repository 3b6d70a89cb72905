import { readFileSync } from 'node:fs';
import { parseHttplog, renderHaproxyConfig, SHIPPED_HAPROXY_CONFIG } from '../support/replicas';
import { percentile, sizeFromEnv } from './support';

describe('the replica suite’s own helpers', () => {
  afterEach(() => {
    delete process.env['SCALE_TEST_SIZE'];
  });

  it('takes a run size from the environment, and stops on anything but an integer in range', () => {
    expect(sizeFromEnv('SCALE_TEST_SIZE', 150, 5000)).toBe(150);
    process.env['SCALE_TEST_SIZE'] = '500';
    expect(sizeFromEnv('SCALE_TEST_SIZE', 150, 5000)).toBe(500);
    for (const bad of ['0', '-3', '1.5', 'many', '5001', ' 500']) {
      process.env['SCALE_TEST_SIZE'] = bad;
      expect(() => sizeFromEnv('SCALE_TEST_SIZE', 150, 5000)).toThrow(
        `SCALE_TEST_SIZE must be an integer from 1 to 5000, got ${JSON.stringify(bad)}`,
      );
    }
  });

  it('reads percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('points the shipped haproxy.cfg at loopback replicas and changes nothing else', () => {
    const shipped = readFileSync(SHIPPED_HAPROXY_CONFIG, 'utf8');
    const rendered = renderHaproxyConfig(shipped, [4001, 4002], 5000, 5001);
    expect(rendered).toContain('bind 127.0.0.1:5000');
    expect(rendered).toContain('bind 127.0.0.1:5001');
    expect(rendered.match(/server api-1 127\.0\.0\.1:4001/g)).toHaveLength(2);
    expect(rendered.match(/server api-2 127\.0\.0\.1:4002/g)).toHaveLength(2);
    expect(rendered).not.toMatch(/resolvers|server-template|api:3001/);
    for (const line of [
      'balance roundrobin',
      'balance uri depth 2',
      'option redispatch 1',
      'option http-no-delay',
    ])
      expect(rendered).toContain(line);
  });

  it('says so when the shipped file no longer has the shape it rewrites', () => {
    expect(() => renderHaproxyConfig('frontend gateway\n  bind :3001\n', [4001], 5000, 5001)).toThrow(
      /changed shape/,
    );
  });

  it('reads the backend, server, status and time of an httplog line', () => {
    const line =
      '127.0.0.1:38232 [05/Dec/2026:12:04:32.927] gateway api/api-1 0/0/0/27/27 200 1303 - - ---- 2/2/1/0/0 0/0 "POST /mcp/cmcp_x HTTP/1.1"';
    expect(parseHttplog(line)).toEqual({
      frontend: 'gateway',
      backend: 'api',
      server: 'api-1',
      totalMs: 27,
      status: 200,
      method: 'POST',
      path: '/mcp/cmcp_x',
    });
    expect(parseHttplog('[NOTICE]   (1) : New worker (2) forked')).toBeNull();
  });
});
