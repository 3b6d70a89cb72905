import fastifyRateLimit from '@fastify/rate-limit';
import { NetworkConfig } from '@gw/config';
import Fastify, { type FastifyInstance } from 'fastify';
import { FailureLimiter } from '../rate-limits/failure-limiter.service';
import { RateLimitedException } from '../rate-limits/rate-limited.exception';
import type { SecurityEvents } from '../security-events/security-events.service';
import { LoginThrottle } from './login-throttle.service';

describe('LoginThrottle', () => {
  let fastify: FastifyInstance;
  let throttle: LoginThrottle;
  let recorded: string[];
  let now: number;

  beforeEach(async () => {
    now = Date.parse('2026-12-04T10:00:00Z');
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    fastify = Fastify();
    await fastify.register(fastifyRateLimit, { global: false });
    await fastify.ready();
    recorded = [];
    const events = {
      record: (_ip: string, reason: string) => recorded.push(reason),
    } as unknown as SecurityEvents;
    const network = Object.assign(new NetworkConfig(), { failedRequestsPerMinute: 1000 });
    const addresses = new FailureLimiter(network);
    addresses.attach(fastify);
    throttle = new LoginThrottle(addresses, events);
    throttle.attach(fastify);
  });

  afterEach(async () => {
    jest.useRealTimers();
    await fastify.close();
  });

  const lockout = (email: string): number => {
    try {
      throttle.assertOpen(email, '203.0.113.1');
      return 0;
    } catch (error) {
      return (error as RateLimitedException).retryAfterSeconds;
    }
  };
  const elapse = (ms: number) => {
    now += ms;
    jest.setSystemTime(now);
  };

  it('locks an account after its sixth failure, for a minute, then twice as long after each further failure, up to an hour', async () => {
    for (let i = 0; i < 5; i++) await throttle.failed('Owner@Example.com', '203.0.113.1');
    expect(lockout('owner@example.com')).toBe(0);
    const lockouts: number[] = [];
    for (let i = 0; i < 9; i++) {
      await throttle.failed(' owner@example.com', `203.0.113.${i + 2}`);
      lockouts.push(lockout('OWNER@example.com'));
      elapse(lockouts[i] * 1000);
      expect(lockout('owner@example.com')).toBe(0);
    }
    expect(lockouts).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    // Each lockout, and each attempt refused while locked (one per lockout above), is a security event.
    expect(recorded.filter((r) => r === 'login_locked')).toHaveLength(18);
    expect(recorded.filter((r) => r === 'login_failed')).toHaveLength(14);
  });

  it('keys accounts by the email as typed, so an unknown email is throttled exactly like a known one, and others are not', async () => {
    for (let i = 0; i < 6; i++) await throttle.failed('nobody@example.com', '203.0.113.1');
    expect(lockout('nobody@example.com')).toBe(60);
    expect(lockout('somebody@example.com')).toBe(0);
  });
});
