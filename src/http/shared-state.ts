/**
 * What several Quipu instances behind one load balancer share through Redis (REDIS_URL): cost budgets
 * (partner/redis-budgets.ts), the automatic persisted queries clients registered, and the response
 * cache's answers. Without REDIS_URL each instance keeps its own in memory.
 *
 * What is not here, because the database already shares it: a partner key's revocation (each instance
 * reads keys through a cache of at most 1 s, partner/keys.ts), and when cached answers go stale (every
 * instance compares the database's commit count before each lookup, http/response-cache.ts), which
 * also covers writes made by the command-line tools.
 *
 * Redis is a cache here, never the record: when it cannot be reached, a charge falls back to the
 * instance's own count, a lookup misses and a write to it is dropped, and every request is answered.
 */
import { createHash } from 'node:crypto';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import Redis from 'ioredis';
import type { Budgets } from '../partner/budget';
import { RedisBudgets } from '../partner/redis-budgets';
import type { AnswerStore, StoredAnswer } from './response-cache';

/** REDIS_URL names a Redis that does not answer: the start stops, saying so. */
export class SharedStateError extends Error {}

export interface SharedState {
  budgets: Budgets;
  /** The persisted queries clients registered (APQ); trusted documents need none (http/persisted.ts). */
  persistedQueries: KeyValueCache<string>;
  /** The response cache's answers; null keeps them in each instance's memory. */
  answers: AnswerStore | null;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  /** REDIS_PREFIX: what every key starts with, so that deployments may share one Redis. */
  prefix: string;
  /** Whether the response cache's answers are shared: only over PostgreSQL, whose commit count every instance reads alike. */
  shareAnswers: boolean;
  /** Hears of each failed use of Redis (each falls back as the module comment says). */
  onError(error: unknown): void;
}

/** How long a command to Redis may take before it counts as failed (and falls back): it must never hold a request up. */
const COMMAND_TIMEOUT_MS = 500;
/** How long a kept answer lives in Redis at most; a write makes it stale at once anyway. */
const ANSWER_TTL_SECONDS = 3600;
/** How long a registered persisted query lives when Apollo names no time, or none (a client registers it again when it is gone). */
const APQ_TTL_SECONDS = 86_400;

/**
 * Connects to Redis and checks that it answers: a start with REDIS_URL set fails when it cannot be
 * reached, rather than serving with state that is not shared. Later outages fall back, as above.
 */
export async function connectSharedState(url: string, options: SharedStateOptions): Promise<SharedState> {
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    // Once it has answered, reconnect for as long as it takes (up to 2 s apart); before that, the start fails instead.
    retryStrategy: (attempts) => (connected ? Math.min(attempts * 200, 2_000) : null),
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // While disconnected, commands fail at once (and fall back) instead of queueing behind the reconnection.
    enableOfflineQueue: false,
    connectTimeout: 2_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    connected = true;
  } catch (error) {
    redis.disconnect();
    throw new SharedStateError(`REDIS_URL: Redis at ${redactRedisUrl(url)} could not be reached (${(error as Error).message})`);
  }
  const { prefix, onError } = options;
  return {
    budgets: new RedisBudgets(redis, prefix, onError),
    persistedQueries: new RedisKeyValueCache(redis, prefix, onError),
    answers: options.shareAnswers ? new RedisAnswers(redis, `${prefix}answer:`, onError) : null,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Apollo's cache interface over Redis: each value a string key with a time to live. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    // Always a time to live, even when asked for none (null): Redis evicts only keys that have one (volatile-lru).
    const ttl = Math.max(1, Math.ceil(options?.ttl ?? APQ_TTL_SECONDS));
    try {
      await this.redis.set(this.prefix + key, value, 'EX', ttl);
    } catch (error) {
      this.onError(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }
}

/**
 * The response cache's answers in Redis, each under a hash of its request. A flush drops nothing here:
 * every instance tells a stale answer by its stamp (http/response-cache.ts), and an answer made stale is
 * overwritten by the next request that computes it, or expires.
 */
export class RedisAnswers implements AnswerStore {
  readonly shared = true;
  readonly keepsAny = true;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async get(key: string): Promise<StoredAnswer | undefined> {
    try {
      const text = await this.redis.get(this.keyOf(key));
      return text === null ? undefined : (JSON.parse(text) as StoredAnswer);
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  set(key: string, answer: StoredAnswer): void {
    this.redis.set(this.keyOf(key), JSON.stringify(answer), 'EX', ANSWER_TTL_SECONDS).catch(this.onError);
  }

  flushed(): void {}

  private keyOf(key: string): string {
    return this.prefix + createHash('sha256').update(key).digest('base64url');
  }
}

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  return url.replace(/(\/\/[^/@]*?):[^:@/]*@/, '$1:***@');
}
