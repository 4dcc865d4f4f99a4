/**
 * Cost budgets kept in Redis (REDIS_URL), so that every Quipu instance spends from one count per
 * subject: a client that spends its budget on one instance gets 429 from the others. The counting is
 * rate-limiter-flexible's RateLimiterRedis (one atomic script per charge, a key per subject with the
 * window as its time to live), with the rules of budget.ts kept:
 * - a refused charge consumes nothing: the script adds the cost only when it fits, and otherwise
 *   answers what the total would have been (which the limiter then refuses);
 * - each key has its own policy: one limiter per (budget, window), all on the same keys, so a key whose
 *   budget an admin changes keeps what it spent.
 * While Redis cannot be reached, charges fall back to this instance's own count (budget.ts), so an
 * outage of Redis never fails a request; each instance then counts alone until it is back.
 */
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type BudgetPolicy, type Budgets, type Charge, CostBudgets, checkCharge } from './budget';

/**
 * RateLimiterRedis's script contract: KEYS[1] the subject's key; ARGV the points to consume, the window
 * in seconds, and the budget; it answers {points consumed in the window, ms until the window ends}.
 * Unlike the library's own script it adds nothing when the cost does not fit, and starts no window.
 */
const CHARGE_IF_IT_FITS = `
local used = tonumber(redis.call('get', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[3]) then
  local ttl = redis.call('pttl', KEYS[1])
  if ttl < 0 then ttl = 1000 * tonumber(ARGV[2]) end
  return {used + cost, ttl}
end
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], cost)
return {consumed, redis.call('pttl', KEYS[1])}
`;

export class RedisBudgets implements Budgets {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  /**
   * `keyPrefix` names this deployment's keys (REDIS_PREFIX); `onError` hears of each charge that fell
   * back to the instance's own count.
   */
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly fallback: Budgets = new CostBudgets(),
  ) {}

  async charge(subject: string, policy: BudgetPolicy, cost: number): Promise<Charge> {
    checkCharge(policy, cost);
    // Redis counts whole points; a cost is one already (http/cost.ts), this only guards the contract.
    const points = Math.ceil(cost);
    const limit = policy.budget;
    try {
      const spent = await this.limiter(policy).consume(subject, points);
      return { allowed: true, limit, remaining: spent.remainingPoints, resetSeconds: Math.ceil(spent.msBeforeNext / 1000), retryAfterSeconds: 0 };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) {
        this.onError(refused);
        return this.fallback.charge(subject, policy, cost);
      }
      const resetSeconds = Math.ceil(refused.msBeforeNext / 1000);
      const used = refused.consumedPoints - points;
      return { allowed: false, limit, remaining: Math.max(0, limit - used), resetSeconds, retryAfterSeconds: points > limit ? 0 : resetSeconds };
    }
  }

  private limiter(policy: BudgetPolicy): RateLimiterRedis {
    const id = `${policy.budget}/${policy.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.keyPrefix}budget`,
        points: policy.budget,
        duration: policy.windowSeconds,
        customIncrTtlLuaScript: CHARGE_IF_IT_FITS,
        // No blocking in memory on top of the count: a refusal is always Redis's answer.
        inMemoryBlockOnConsumed: 0,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
