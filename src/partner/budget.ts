/**
 * Cost budgets: how many cost points a subject (a partner key, or an anonymous client IP) may spend
 * per window. Each subject has a fixed window that starts with its first charge after the previous
 * window ended; within it, charges add up until the budget is spent, and the window's end gives it
 * back in full.
 *
 * Why not `rate-limiter-flexible` (RateLimiterMemory)? Three misfits, each a rule here:
 * - its `consume` adds the points first and then rejects, so a refused request still spends the
 *   budget; here a refused charge consumes nothing;
 * - its budget and duration are fixed per limiter instance, while each key here has its own policy;
 * - it answers with a Promise (and a result object), on every request; this counter is synchronous
 *   and allocates one small result per charge.
 * What it adds, a store shared between processes, is what redis-budgets.ts uses it for (REDIS_URL),
 * with a script of its own that keeps the first rule.
 *
 * These budgets are kept in this process's memory: after a restart every subject starts afresh, and
 * with several server instances behind a load balancer each instance keeps its own count, unless
 * REDIS_URL shares them (redis-budgets.ts).
 */

/** A budget of cost points per window of seconds. */
export interface BudgetPolicy {
  budget: number;
  windowSeconds: number;
}

/**
 * The answer to a charge, shaped for the RateLimit headers: `limit` is the policy's budget,
 * `remaining` what is left of it after this charge (a refused charge leaves it unchanged),
 * `resetSeconds` when the window gives the budget back (the whole window if none is running), and
 * `retryAfterSeconds` how long to wait before this cost would fit: 0 when allowed, and 0 as well
 * when the cost is larger than the whole budget (waiting does not help; the caller checks
 * `cost > limit` and reports it as over the per-request limit).
 */
export interface Charge {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
  retryAfterSeconds: number;
}

/**
 * A partner key's budget unless its creator gave another: 250,000 points per minute, some 500 pages
 * of 20 articles with their topics, places, organisations and people a minute (see http/cost.ts).
 */
export const DEFAULT_KEY_POLICY: Readonly<BudgetPolicy> = Object.freeze({ budget: 250_000, windowSeconds: 60 });

/** Requests without a key, counted per client IP: 50,000 points per minute. */
export const ANONYMOUS_POLICY: Readonly<BudgetPolicy> = Object.freeze({ budget: 50_000, windowSeconds: 60 });

/** Where cost is charged: this process's memory (CostBudgets) or a store every instance shares (RedisBudgets). */
export interface Budgets {
  /** Spends `cost` points of `subject`'s budget if they fit in what is left of its window, or refuses and spends nothing. */
  charge(subject: string, policy: BudgetPolicy, cost: number): Charge | Promise<Charge>;
}

/** The budget subject of a partner key. */
export function keySubject(keyId: string): string {
  return `key:${keyId}`;
}

/** The budget subject of an anonymous client. */
export function anonymousSubject(ip: string): string {
  return `anon:${ip}`;
}

export interface CostBudgetsOptions {
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /**
   * The most subjects kept at once (default 100,000, some 10 MB). Past it, subjects whose window
   * ended are dropped first, then the longest-known ones, which start afresh when they come back:
   * memory stays bounded when many client IPs come and go, at the price of a fresh budget for them.
   */
  maxSubjects?: number;
}

/** One subject's running window. Mutated in place when a window starts again. */
interface Window {
  endsAt: number;
  used: number;
}

/** How often, in clock time, the subjects whose window ended are dropped. */
const SWEEP_INTERVAL_MS = 60_000;

export class CostBudgets implements Budgets {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxSubjects: number;
  private nextSweep: number;

  constructor(options: CostBudgetsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxSubjects = options.maxSubjects ?? 100_000;
    if (!Number.isInteger(this.maxSubjects) || this.maxSubjects < 1) {
      throw new RangeError(`maxSubjects must be a positive integer, got ${options.maxSubjects}`);
    }
    this.nextSweep = this.now() + SWEEP_INTERVAL_MS;
  }

  /**
   * Spends `cost` points of `subject`'s budget if they fit in what is left of its window, or
   * refuses and spends nothing. Synchronous.
   */
  charge(subject: string, policy: BudgetPolicy, cost: number): Charge {
    checkCharge(policy, cost);
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    const limit = policy.budget;
    const existing = this.windows.get(subject);
    const running = existing !== undefined && existing.endsAt > now;
    const used = running ? existing.used : 0;
    const resetMs = running ? existing.endsAt - now : policy.windowSeconds * 1000;
    const resetSeconds = Math.ceil(resetMs / 1000);
    if (cost > limit - used) {
      const retryAfterSeconds = cost > limit ? 0 : resetSeconds;
      return { allowed: false, limit, remaining: Math.max(0, limit - used), resetSeconds, retryAfterSeconds };
    }
    let window = existing;
    if (window === undefined) {
      if (this.windows.size >= this.maxSubjects) this.makeRoom(now);
      window = { endsAt: now + resetMs, used: 0 };
      this.windows.set(subject, window);
    } else if (!running) {
      window.endsAt = now + resetMs;
    }
    window.used = used + cost;
    return { allowed: true, limit, remaining: limit - window.used, resetSeconds, retryAfterSeconds: 0 };
  }

  /** What is left of `subject`'s budget, without spending any; `allowed` says whether any is left. */
  peek(subject: string, policy: BudgetPolicy): Charge {
    checkPolicy(policy);
    const now = this.now();
    const window = this.windows.get(subject);
    const running = window !== undefined && window.endsAt > now;
    const remaining = Math.max(0, policy.budget - (running ? window.used : 0));
    const resetSeconds = Math.ceil((running ? window.endsAt - now : policy.windowSeconds * 1000) / 1000);
    return {
      allowed: remaining > 0,
      limit: policy.budget,
      remaining,
      resetSeconds,
      retryAfterSeconds: remaining > 0 ? 0 : resetSeconds,
    };
  }

  /** How many subjects are kept (windows running or not yet dropped). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [subject, window] of this.windows) if (window.endsAt <= now) this.windows.delete(subject);
    this.nextSweep = now + SWEEP_INTERVAL_MS;
  }

  private makeRoom(now: number): void {
    this.sweep(now);
    // Still full: drop the longest-known subjects (a Map iterates in insertion order).
    for (const subject of this.windows.keys()) {
      if (this.windows.size < this.maxSubjects) break;
      this.windows.delete(subject);
    }
  }
}

/** Throws a RangeError unless the policy has a budget and a window, and the cost is a finite number ≥ 0. */
export function checkCharge(policy: BudgetPolicy, cost: number): void {
  checkPolicy(policy);
  if (!(cost >= 0) || !Number.isFinite(cost)) throw new RangeError(`cost must be a finite number ≥ 0, got ${cost}`);
}

function checkPolicy(policy: BudgetPolicy): void {
  if (!(policy.budget > 0) || !(policy.windowSeconds > 0)) {
    throw new RangeError(`a budget policy needs budget > 0 and windowSeconds > 0, got ${policy.budget} per ${policy.windowSeconds} s`);
  }
}
