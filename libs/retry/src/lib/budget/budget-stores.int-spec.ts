import { DATABASE_TARGETS, migratedDataSource } from '@gw/db/testing';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@gw/testing';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { BudgetStore } from './budget-store';
import { MemoryBudgetStore } from './memory-budget-store';
import { PostgresBudgetStore } from './postgres-budget-store';
import type { Lease, RateObservation } from './rate-window';
import { RedisBudgetStore } from './redis-budget-store';

interface Target {
  store: BudgetStore;
  close(): Promise<void>;
}

async function postgres(url: string, close: () => Promise<void>): Promise<Target> {
  const dataSource = await migratedDataSource(url, 'budget-store-test');
  return {
    store: new PostgresBudgetStore(dataSource),
    close: async () => {
      await dataSource.destroy();
      await close();
    },
  };
}

const targets: [string, () => Promise<Target>][] = [
  [
    'Redis',
    async () => {
      const redis = new IORedis(TEST_REDIS_URL);
      return {
        store: new RedisBudgetStore(redis, uniqueQueuePrefix()),
        close: async () => void redis.disconnect(),
      };
    },
  ],
  ...DATABASE_TARGETS.map(([label, openDatabase]): [string, () => Promise<Target>] => [
    label,
    async () => {
      const database = await openDatabase('gw_budget');
      return postgres(database.url, () => database.close());
    },
  ]),
];

const T = 1_800_000_000_000;
const seen = (at: number, fields: Partial<RateObservation>): RateObservation => ({
  at,
  limit: null,
  remaining: null,
  resetAt: null,
  limited: false,
  ...fields,
});

/**
 * One token's life: a probe, a limit learned, a spent window, a 429 from another client, a late answer about an
 * older window, the next window, and a window shorter than assumed.
 */
const SCRIPT: [want: number, observation: RateObservation | null, now: number][] = [
  [5, null, T],
  [5, null, T + 10],
  [5, seen(T + 40, { limit: 20, remaining: 19, resetAt: T + 60_000 }), T + 50],
  [30, null, T + 60],
  [1, seen(T + 70, { limit: 20, remaining: 0, resetAt: T + 60_000 }), T + 80],
  [3, null, T + 60_001],
  [0, seen(T + 60_100, { limited: true, remaining: 0, resetAt: T + 90_000 }), T + 60_200],
  [2, null, T + 60_300],
  [4, seen(T + 59_000, { limit: 20, remaining: 5, resetAt: T + 60_000 }), T + 90_001],
  [25, null, T + 90_002],
  // A shorter window than assumed, seen during ours and delivered after its reset: the next lease opens a new one.
  [2, seen(T + 90_010, { limit: 20, remaining: 15, resetAt: T + 95_000 }), T + 96_000],
  [30, null, T + 96_001],
];

describe.each(targets)('shared budget store on %s', (_label, open) => {
  let target: Target;

  beforeAll(async () => {
    target = await open();
  }, 60_000);
  afterAll(() => target?.close());

  it('hands out the same permits as the reference rules, step by step', async () => {
    const reference = new MemoryBudgetStore();
    const fingerprint = randomUUID().replace(/-/g, '');
    for (const [want, observation, now] of SCRIPT) {
      const expected = await reference.lease(fingerprint, want, observation, now);
      const actual: Lease = await target.store.lease(fingerprint, want, observation, now);
      expect({ step: [want, now - T], ...actual }).toEqual({ step: [want, now - T], ...expected });
    }
  });

  it('never lets more than the limit through when many processes lease at once', async () => {
    const fingerprint = randomUUID().replace(/-/g, '');
    await target.store.lease(fingerprint, 1, null, T);
    await target.store.observe(
      fingerprint,
      seen(T + 5, { limit: 20, remaining: 19, resetAt: T + 60_000 }),
      T + 5,
    );
    const leases = await Promise.all(
      Array.from({ length: 30 }, (_, i) => target.store.lease(fingerprint, 3, null, T + 10 + i)),
    );
    expect(leases.reduce((sum, l) => sum + l.granted, 0)).toBe(19);
  });
});
