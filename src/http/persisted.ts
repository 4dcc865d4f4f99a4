import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { TrustedDocuments } from '../core/trusted-documents';

/** Apollo prefixes the keys of its persisted-query cache. */
const APQ_PREFIX = 'apq:';

/**
 * Apollo's automatic persisted queries, with the trusted documents always present: a hash from the
 * trusted list is found without any client having registered it (so the first GET of a published
 * operation is already a cache hit), and other hashes live in a bounded in-memory LRU, registered
 * by clients as the APQ protocol says. Per process, unless REDIS_URL shares them
 * (http/shared-state.ts): then a hash registered on one instance is known to all.
 */
export function persistedQueryCache(trusted: TrustedDocuments, registered: KeyValueCache<string> = new InMemoryLRUCache<string>({ maxSize: 2 ** 22 })): KeyValueCache<string> {
  const hashOf = (key: string) => (key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key);
  return {
    async get(key) {
      return trusted.text(hashOf(key)) ?? registered.get(key);
    },
    async set(key, value, options) {
      if (trusted.text(hashOf(key)) === undefined) await registered.set(key, value, options);
    },
    async delete(key) {
      return registered.delete(key);
    },
  };
}
