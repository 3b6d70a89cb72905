import { parseExposition, sampleSum } from '@gw/metrics';
import { waitFor } from '@gw/testing';
import { createHmac, randomBytes } from 'node:crypto';
import { connectSandbox, createServer, sandboxIds } from '../support/mcp';
import { ADMIN, Stack } from '../support/stack';
import { auditRowCount, countsByReason, securityEvents, Source } from './support';

const CLIENT_IP_SECRET = randomBytes(32).toString('base64url');
const BUDGET = 10;
const unknownUrl = (stack: Stack) => `${stack.baseUrl}/mcp/cmcp_${randomBytes(32).toString('base64url')}`;

describe('the front door: unauthenticated refusals, rate limits and client addresses (postgres+redis)', () => {
  const stack = new Stack('postgres+redis', {
    sandbox: true,
    worker: false,
    env: { CLIENT_IP_SECRET, FAILED_REQUESTS_PER_MINUTE: String(BUDGET) },
  });
  const sources: Source[] = [];
  const from = (address: string) => {
    const source = new Source(address);
    sources.push(source);
    return source;
  };

  beforeAll(() => stack.start(), 120_000);
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
    await stack.stop();
  }, 60_000);

  it('unknown MCP URLs, rejected credentials and failed sign-ins add no audit row: they are counted as security events', async () => {
    const attacker = from('127.0.0.11');
    const before = await auditRowCount(stack);
    const injected = 'DROP TABLE audit_events; '.repeat(650); // about 16 KB of the attacker's own text
    for (let i = 0; i < 4; i++) expect((await attacker.mcp(unknownUrl(stack))).status).toBe(404);
    for (let i = 0; i < 3; i++)
      expect((await attacker.rest(stack, '/connections', `cgw_${injected}`)).status).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await attacker.login(stack, 'nobody@example.com', injected.slice(0, 120))).status).toBe(401);

    const counts = await waitFor(
      async () => {
        const c = await countsByReason(stack, '127.0.0.11');
        return c['login_failed'] === 2 ? c : undefined;
      },
      { what: 'the security events of 127.0.0.11' },
    );
    expect(counts).toEqual({ mcp_unknown_token: 4, api_unauthenticated: 3, login_failed: 2 });
    expect(await auditRowCount(stack)).toBe(before);

    const metrics = parseExposition(await (await fetch(`${stack.baseUrl}/metrics`)).text());
    expect(
      sampleSum(metrics, 'gateway_security_events_total', { reason: 'mcp_unknown_token' }),
    ).toBeGreaterThan(0);
    expect(sampleSum(metrics, 'gateway_security_events_total', { reason: 'login_failed' })).toBeGreaterThan(
      0,
    );
  });

  it('lists security events to owners and admins only, filtered, and answers bad filters with a 400', async () => {
    await waitFor(async () => (await securityEvents(stack, { ip: '127.0.0.11' })).length > 0, {
      what: 'a flush',
    });
    const auditor = await stack.rest<{ token: string }>('POST', '/api-tokens', {
      name: 'auditor',
      role: 'auditor',
    });
    expect(auditor.status).toBe(201);
    expect((await stack.rest('GET', '/security-events', undefined, auditor.body.token)).status).toBe(403);
    const bad = await stack.rest<{ message: string[] }>(
      'GET',
      '/security-events?reason=bogus&from=yesterday',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/reason must be one of/);
    const items = await securityEvents(stack, { reason: 'mcp_unknown_token', ip: '127.0.0.11' });
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      minute: expect.stringMatching(/:00\.000Z$/),
      ip: '127.0.0.11',
      reason: 'mcp_unknown_token',
      count: 4,
    });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await securityEvents(stack, { from: future })).toEqual([]);
  });

  it('an address past its failure budget gets 429 with Retry-After before any lookup; other addresses and URLs already in use are unaffected', async () => {
    const connection = await connectSandbox(stack);
    const server = await createServer(stack, connection, {
      name: 'agent',
      workspace_id: (await sandboxIds(stack)).acme,
    });
    const attacker = from('127.0.0.12');
    const agent = from('127.0.0.13');
    const before = await auditRowCount(stack);

    for (let i = 0; i < BUDGET; i++) expect((await attacker.mcp(unknownUrl(stack))).status).toBe(404);
    const limited = await attacker.mcp(unknownUrl(stack));
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    // The same address is refused on the REST API too, even with a valid token, and on sign-in.
    const rest = await attacker.rest(stack, '/auth/me', ADMIN.apiToken);
    expect(rest.status).toBe(429);
    expect(JSON.parse(rest.text)).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect((await attacker.login(stack, ADMIN.email, ADMIN.password)).status).toBe(429);
    // Even a working URL: an address that spent its budget gets no lookup at all until the window ends...
    expect((await attacker.mcp(server.url)).status).toBe(429);

    expect((await agent.mcp(server.url)).status).toBe(200);
    // ...but once the api holds that URL's server in memory, an agent sharing the blocked address (one NAT) keeps
    // working: no lookup is needed to know the URL is good.
    expect((await attacker.mcp(server.url)).status).toBe(200);
    expect((await agent.rest(stack, '/auth/me', ADMIN.apiToken)).status).toBe(200);
    expect((await stack.rest('GET', '/auth/me')).status).toBe(200);

    await waitFor(async () => (await countsByReason(stack, '127.0.0.12'))['rate_limited'] === 4, {
      what: 'the rate_limited events',
    });
    // Only the two initialize calls through the working URL were audited (the owner's reads are not actions).
    expect(await auditRowCount(stack)).toBe(before + 2);
  });

  it('X-Forwarded-For is ignored by default; the dashboard’s signed client address is believed, an unsigned one is not', async () => {
    const client = from('127.0.0.31');
    expect((await client.mcp(unknownUrl(stack), { 'x-forwarded-for': '203.0.113.50' })).status).toBe(404);
    const signature = createHmac('sha256', CLIENT_IP_SECRET).update('198.51.100.7').digest('base64url');
    expect(
      (
        await client.mcp(unknownUrl(stack), {
          'x-gateway-client-ip': '198.51.100.7',
          'x-gateway-client-ip-signature': signature,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await client.mcp(unknownUrl(stack), {
          'x-gateway-client-ip': '198.51.100.8',
          'x-gateway-client-ip-signature': signature,
        })
      ).status,
    ).toBe(404);

    await waitFor(async () => (await countsByReason(stack, '127.0.0.31'))['mcp_unknown_token'] === 2, {
      what: 'the events of the forged and the badly signed address, under the real one',
    });
    expect(await countsByReason(stack, '198.51.100.7')).toEqual({ mcp_unknown_token: 1 });
    expect(await securityEvents(stack, { ip: '203.0.113.50' })).toEqual([]);
    expect(await securityEvents(stack, { ip: '198.51.100.8' })).toEqual([]);
  });

  it('sign-in: unknown and known emails get the same answers, then a lockout that grows and holds across addresses', async () => {
    const addresses = [from('127.0.0.21'), from('127.0.0.22'), from('127.0.0.23')];
    const answers: Record<string, { status: number; body: string; retryAfter: string | null }[]> = {};
    for (const email of [ADMIN.email, 'nobody.else@example.com']) {
      answers[email] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const res = await addresses[attempt % 3].login(stack, email, `wrong password ${attempt}`);
        answers[email].push({
          status: res.status,
          body: (JSON.parse(res.text) as { message: string }).message,
          retryAfter: res.retryAfter,
        });
      }
    }
    const known = answers[ADMIN.email];
    const unknown = answers['nobody.else@example.com'];
    const shown = (a: { status: number; body: string }) => [a.status, a.body];
    expect(known.map(shown)).toEqual(unknown.map(shown));
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect(known[0].body).toBe('Wrong email or password');
    expect(known[6].body).toBe('Too many failed sign-ins for this account; retry later');
    expect(Number(known[6].retryAfter)).toBeGreaterThan(50);
    expect(Number(known[6].retryAfter)).toBeLessThanOrEqual(60);
    // Locked, even the right password from a fresh address is refused.
    const right = await from('127.0.0.24').login(stack, ADMIN.email, ADMIN.password);
    expect(right.status).toBe(429);
    await waitFor(async () => (await countsByReason(stack, '127.0.0.24'))['login_locked'] === 1, {
      what: 'the lockout event',
    });
  });
});
