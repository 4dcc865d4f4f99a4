/**
 * The Redis side of shared state (http/shared-state.ts, partner/redis-budgets.ts) against a real Redis
 * (TEST_REDIS_URL, default redis://127.0.0.1:6379): the rules of budgets kept across instances, and what
 * happens when Redis goes away. Part of `npm run test:services`.
 */
import Redis from 'ioredis';
import { connectSharedState } from '../../src/http/shared-state';
import { CostBudgets } from '../../src/partner/budget';
import { RedisBudgets } from '../../src/partner/redis-budgets';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `quipu-test-${process.pid}-${Date.now().toString(36)}:`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('budgets kept in Redis', () => {
  const policy = { budget: 100, windowSeconds: 60 };

  it('charge what fits, refuse what does not and spend nothing on it, across instances', async () => {
    const one = new RedisBudgets(redis, prefix);
    const other = new Redis(redisUrl);
    const two = new RedisBudgets(other, prefix);
    expect(await one.charge('key:1', policy, 60)).toEqual({ allowed: true, limit: 100, remaining: 40, resetSeconds: 60, retryAfterSeconds: 0 });
    // A charge that does not fit is refused on the other instance, and leaves what remains as it was.
    expect(await two.charge('key:1', policy, 50)).toEqual({ allowed: false, limit: 100, remaining: 40, resetSeconds: 60, retryAfterSeconds: 60 });
    expect(await two.charge('key:1', policy, 40)).toMatchObject({ allowed: true, remaining: 0 });
    // Larger than the whole budget: waiting would not help (retryAfterSeconds 0), and no window starts for it.
    expect(await one.charge('key:2', policy, 101)).toMatchObject({ allowed: false, remaining: 100, retryAfterSeconds: 0 });
    expect(await redis.exists(`${prefix}budget:key:2`)).toBe(0);
    expect(await redis.pttl(`${prefix}budget:key:1`)).toBeGreaterThan(59_000);
    await other.quit();
  });

  it('give the budget back when the window ends', async () => {
    const budgets = new RedisBudgets(redis, prefix);
    const short = { budget: 10, windowSeconds: 1 };
    expect(await budgets.charge('key:3', short, 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await budgets.charge('key:3', short, 1)).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await budgets.charge('key:3', short, 1)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('fall back to the instance’s own count while Redis cannot be reached', async () => {
    const gone = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false });
    const heard: unknown[] = [];
    const fallback = new CostBudgets();
    const budgets = new RedisBudgets(gone, prefix, (error) => heard.push(error), fallback);
    expect(await budgets.charge('key:4', policy, 70)).toMatchObject({ allowed: true, remaining: 30 });
    expect(await budgets.charge('key:4', policy, 70)).toMatchObject({ allowed: false, remaining: 30 });
    expect(heard).toHaveLength(2);
    gone.disconnect();
  });
});

describe('connecting to the shared state', () => {
  it('refuses to start when REDIS_URL names a Redis that does not answer, hiding its password', async () => {
    await expect(connectSharedState('redis://quipu:secret@127.0.0.1:1', { prefix, shareAnswers: true, onError: () => undefined })).rejects.toThrow(
      /^REDIS_URL: Redis at redis:\/\/quipu:\*\*\*@127\.0\.0\.1:1 could not be reached/,
    );
    // ioredis keeps its connect timer (2 s here) running after a refused connection; let it end within the test.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  });

  it('keep registered persisted queries and answers under the prefix, with a time to live', async () => {
    const shared = await connectSharedState(redisUrl, { prefix, shareAnswers: true, onError: () => undefined });
    try {
      await shared.persistedQueries.set('apq:abc', '{ sources { name } }', { ttl: 300 });
      expect(await shared.persistedQueries.get('apq:abc')).toBe('{ sources { name } }');
      expect(await redis.ttl(`${prefix}apq:abc`)).toBeGreaterThan(290);
      // Asked to keep one forever, it still gives it a day: Redis evicts only keys with a time to live.
      await shared.persistedQueries.set('apq:def', '{ topics { totalCount } }', { ttl: null });
      expect(await redis.ttl(`${prefix}apq:def`)).toBeGreaterThan(86_000);
      const answer = { data: '{"a":1}', etag: 'W/"1"', cost: 3, maxAge: 60, trusted: false, tags: ['Article'], at: 7 };
      shared.answers!.set('GET /graphql?query=x', answer);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await shared.answers!.get('GET /graphql?query=x')).toEqual(answer);
      expect(await shared.answers!.get('GET /graphql?query=y')).toBeUndefined();
    } finally {
      await shared.close();
    }
  });
});
