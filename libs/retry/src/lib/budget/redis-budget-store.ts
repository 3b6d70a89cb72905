import type Redis from 'ioredis';
import type { BudgetStore } from './budget-store';
import {
  DEFAULT_LIMIT,
  PROBE_MS,
  SAME_WINDOW_SLACK_MS,
  WINDOW_MS,
  type Lease,
  type RateObservation,
} from './rate-window';

/** `observe` then `lease` of rate-window.ts, atomically, on one hash per token. Keep the two in step. */
const LEASE_SCRIPT = `
local now = tonumber(ARGV[1])
local want = tonumber(ARGV[2])
local windowMs = tonumber(ARGV[4])
local probeMs = tonumber(ARGV[5])
local slack = tonumber(ARGV[6])
local h = redis.call('HMGET', KEYS[1], 'limit', 'reset_at', 'granted', 'known', 'probe_until', 'opened_at')
local limit = tonumber(h[1]) or tonumber(ARGV[3])
local resetAt = tonumber(h[2]) or 0
local granted = tonumber(h[3]) or 0
local known = h[4] == '1'
local probeUntil = tonumber(h[5]) or 0
local openedAt = tonumber(h[6]) or 0
if ARGV[7] ~= '' then
  local at = tonumber(ARGV[7])
  local oLimit = tonumber(ARGV[8])
  local oRemaining = tonumber(ARGV[9])
  local oReset = tonumber(ARGV[10])
  local limited = ARGV[11] == '1'
  if oLimit and oLimit > 0 then
    limit = oLimit
    known = true
  end
  local used = 0
  if oRemaining then used = math.max(0, limit - oRemaining) end
  if oReset and oReset > at then
    if math.abs(oReset - resetAt) <= slack then
      resetAt = math.max(resetAt, oReset)
      granted = math.max(granted, used)
    elseif oReset > resetAt then
      if resetAt > at then granted = math.max(granted, used) else granted = used end
      resetAt = oReset
      openedAt = at
    elseif at >= openedAt then
      resetAt = oReset
      granted = math.max(granted, used)
    end
  elseif limited and resetAt <= at then
    resetAt = at + windowMs
    openedAt = at
  end
  if limited then granted = math.max(granted, limit) end
end
local got = 0
local retryAt = now
if want > 0 then
  local allowed = want
  local blocked = false
  if not known then
    if probeUntil > now then
      blocked = true
      retryAt = probeUntil
    else
      probeUntil = now + probeMs
      allowed = 1
    end
  end
  if not blocked then
    if now >= resetAt then
      resetAt = now + windowMs
      granted = 0
      openedAt = now
    end
    got = math.max(0, math.min(allowed, limit - granted))
    granted = granted + got
    if got < want then
      if known then retryAt = resetAt else retryAt = math.min(probeUntil, resetAt) end
    end
  end
end
redis.call('HSET', KEYS[1], 'limit', limit, 'reset_at', resetAt, 'granted', granted, 'known', known and '1' or '0', 'probe_until', probeUntil, 'opened_at', openedAt)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[12]))
return {got, limit, resetAt, retryAt}
`;

/** Idle budgets disappear after a day; an active one is rewritten at every lease. */
const KEY_TTL_MS = 24 * 3600_000;

type LeaseCommand = (key: string, ...args: string[]) => Promise<[number, number, number, number]>;

/** The shared budget on Redis: one Lua script call per lease, so every process sees one count per token. */
export class RedisBudgetStore implements BudgetStore {
  private readonly leaseCommand: LeaseCommand;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly defaultLimit = DEFAULT_LIMIT,
  ) {
    if (!('gwLeaseBudget' in redis))
      redis.defineCommand('gwLeaseBudget', { numberOfKeys: 1, lua: LEASE_SCRIPT });
    const command = (redis as unknown as { gwLeaseBudget: LeaseCommand }).gwLeaseBudget;
    this.leaseCommand = command.bind(redis);
  }

  async lease(
    fingerprint: string,
    want: number,
    observation: RateObservation | null,
    now: number,
  ): Promise<Lease> {
    const [granted, limit, resetAt, retryAt] = await this.leaseCommand(
      `${this.prefix}:clickup-budget:${fingerprint}`,
      String(now),
      String(want),
      String(this.defaultLimit),
      String(WINDOW_MS),
      String(PROBE_MS),
      String(SAME_WINDOW_SLACK_MS),
      ...observationArgs(observation),
      String(KEY_TTL_MS),
    );
    return { granted, limit, resetAt, retryAt };
  }

  async observe(fingerprint: string, observation: RateObservation, now: number): Promise<void> {
    await this.lease(fingerprint, 0, observation, now);
  }
}

function observationArgs(observation: RateObservation | null): string[] {
  if (!observation) return ['', '', '', '', ''];
  const text = (value: number | null) => (value === null ? '' : String(value));
  return [
    String(observation.at),
    text(observation.limit),
    text(observation.remaining),
    text(observation.resetAt),
    observation.limited ? '1' : '0',
  ];
}
