import path from 'node:path';
import { parseHost } from './http/origin';
import { ANONYMOUS_POLICY } from './partner/budget';

/** Settings read once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  /** SQLite: an absolute file path, or `:memory:`; PostgreSQL: the postgres:// URL as given. */
  database: string;
  /** DATABASE_READ_URL: a PostgreSQL replica for reads (null: the primary reads too). */
  databaseReadUrl: string | null;
  seedsDir: string;
  /** Cost points per window for each anonymous client IP; null: no budget (`ANONYMOUS_BUDGET=off`). */
  anonymousBudget: { budget: number; windowSeconds: number } | null;
  /** Schema introspection (`INTROSPECTION=false` turns it off, and field suggestions in errors with it). */
  introspection: boolean;
  /** The public origin (`https://news.example.org`) for absolute links; null: the request's own origin when its Host is allowed (ALLOWED_HOSTS). */
  publicUrl: string | null;
  /**
   * ALLOWED_HOSTS: without PUBLIC_URL, the Host headers links may be made on (`host`: any port;
   * `host:port`: that port only), lower-cased; the first is the fallback for any other Host. Null:
   * localhost and the listening address, on the listening port.
   */
  allowedHosts: string[] | null;
  /**
   * Which proxies to believe about the client's address (`X-Forwarded-For`): none (false), a number
   * of hops, or the proxies' addresses and CIDR ranges. Budgets count per client IP.
   */
  trustProxy: false | number | string;
  /** QUERY_TIMEOUT_MS: the time limit of each request's reads (and of each statement), in ms. */
  queryTimeoutMs: number;
  /** SQLITE_READERS: reader processes that run reads off the event loop. */
  readers: number;
  /** ARTICLE_INDEX: an in-memory index of article sets for totals and facets (db/article-index.ts), in two processes of the SQLite reader pool or a worker thread on PostgreSQL. */
  articleIndex: boolean;
  /** SHUTDOWN_GRACE_MS: how long in-flight requests may run on after SIGTERM, in ms. */
  shutdownGraceMs: number;
  /** INGEST_INTERVAL: seconds between polls of each feed source; null (unset): the server polls none. */
  ingestIntervalSeconds: number | null;
  /** RESPONSE_CACHE: keep repeated reads' answers until a write changes what they read. */
  responseCache: boolean;
  /** REDIS_URL: the Redis that instances share budgets, persisted queries and cached answers through; null: each keeps its own. */
  redisUrl: string | null;
  /** REDIS_PREFIX: what Quipu's Redis keys start with (default `quipu:`). */
  redisPrefix: string;
}

export class ConfigError extends Error {}

const repoRoot = path.resolve(__dirname, '..');

/**
 * Parses `PORT`, `HOST`, `DATABASE_URL` (`sqlite:<path>`, relative to the repository root or
 * absolute, or `sqlite::memory:`; or `postgres://user@host:port/db`), `DATABASE_READ_URL`, `PUBLIC_URL` (an http(s) origin), `ALLOWED_HOSTS` and the rest. Throws a ConfigError that names the variable and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data/quipu.db'),
    databaseReadUrl: parseReadUrl(env.DATABASE_READ_URL, env.DATABASE_URL),
    seedsDir: path.join(repoRoot, 'seeds'),
    anonymousBudget: parseBudget(env.ANONYMOUS_BUDGET),
    introspection: parseBoolean('INTROSPECTION', env.INTROSPECTION, true),
    publicUrl: env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : null,
    allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, env.PUBLIC_URL),
    queryTimeoutMs: parseWhole('QUERY_TIMEOUT_MS', env.QUERY_TIMEOUT_MS, 5000, 1, 600_000),
    readers: parseWhole('SQLITE_READERS', env.SQLITE_READERS, 4, 1, 64),
    articleIndex: parseBoolean('ARTICLE_INDEX', env.ARTICLE_INDEX, true),
    shutdownGraceMs: parseWhole('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS, 10_000, 0, 600_000),
    responseCache: parseBoolean('RESPONSE_CACHE', env.RESPONSE_CACHE, true),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    redisPrefix: parseRedisPrefix(env.REDIS_PREFIX),
    ingestIntervalSeconds: env.INGEST_INTERVAL === undefined || env.INGEST_INTERVAL === '' ? null : parseWhole('INGEST_INTERVAL', env.INGEST_INTERVAL, 0, 10, 86_400),
  };
}

/** A whole number setting within [min, max], or its default when unset. */
export function parseWhole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** `PUBLIC_URL` as an origin: http or https, a host, an optional port, and no path, query or fragment. */
export function parsePublicUrl(value: string): string {
  let url: URL | null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const bare = url !== null && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) origin such as https://news.example.org (no path), got "${value}"`);
  }
  return url.origin;
}

/**
 * `ALLOWED_HOSTS`: a comma-separated list of `host` or `host:port` entries (a host name, an IPv4
 * address or an IPv6 address in brackets; a port 1–65535), lower-cased; null when unset. No
 * wildcards: a list that let any Host through would let a client choose the links a cache keeps.
 */
export function parseAllowedHosts(value: string | undefined): string[] | null {
  if (value === undefined || value.trim() === '') return null;
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => parseHost(entry) === null);
  if (bad !== undefined) {
    throw new ConfigError(
      `ALLOWED_HOSTS must be a comma-separated list of host names or addresses, each with an optional port (e.g. news.example.org,news.example.org:8443,[::1]:4000; no scheme, path or wildcard), got "${value}" (${bad === '' ? 'an empty entry' : `"${bad}"`} is not one)`,
    );
  }
  return entries.map((entry) => entry.toLowerCase());
}

const POSTGRES_URL = /^postgres(ql)?:\/\/[^/?#]*\/[^/?#]+/;

export function parseDatabaseUrl(url: string): string {
  if (/^postgres(ql)?:/.test(url)) {
    if (!POSTGRES_URL.test(url)) throw new ConfigError(`DATABASE_URL must name a database: postgres://user@host:port/database, got "${url}"`);
    return url;
  }
  const match = /^sqlite:(.+)$/.exec(url);
  if (!match) {
    throw new ConfigError(`DATABASE_URL must be sqlite:<path>, sqlite::memory: or postgres://user@host:port/database, got "${url}"`);
  }
  const target = match[1].replace(/^\/\/(?=\/)/, ''); // accept sqlite:///abs/path as well
  return target === ':memory:' ? target : path.resolve(repoRoot, target);
}

/** `DATABASE_READ_URL`: a postgres:// URL, and only beside a PostgreSQL DATABASE_URL. */
export function parseReadUrl(value: string | undefined, primary: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!POSTGRES_URL.test(value)) throw new ConfigError(`DATABASE_READ_URL must be postgres://user@host:port/database, got "${value}"`);
  if (!primary || !POSTGRES_URL.test(primary)) throw new ConfigError('DATABASE_READ_URL is for a PostgreSQL DATABASE_URL: SQLite reads on reader processes of its own');
  return value;
}

/** `REDIS_URL`: redis://[user:password@]host[:port][/db] or rediss:// (TLS); null when unset. */
export function parseRedisUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL | null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname || !/^(\/\d{0,2})?$/.test(url.pathname)) {
    throw new ConfigError(
      `REDIS_URL must be redis://host:port or rediss://host:port, with an optional user:password@ and /<database number>, got "${value.replace(/:[^:@/]*@/, ':***@')}"`,
    );
  }
  return value;
}

/** `REDIS_PREFIX`: letters, digits and `:_.-`, at most 64; default `quipu:`. */
export function parseRedisPrefix(value: string | undefined): string {
  if (value === undefined || value === '') return 'quipu:';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(value)) throw new ConfigError(`REDIS_PREFIX must be 1 to 64 letters, digits or :_.- (e.g. quipu:), got "${value}"`);
  return value;
}

/** `<points>/<seconds>` (e.g. `50000/60`), `off`, or unset for the default (ANONYMOUS_POLICY). */
export function parseBudget(value: string | undefined): Config['anonymousBudget'] {
  if (value === undefined || value === '') return { ...ANONYMOUS_POLICY };
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const budget = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || budget < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
    throw new ConfigError(`ANONYMOUS_BUDGET must be <points>/<seconds> (points ≥ 1, seconds 1–86400, e.g. 50000/60) or off, got "${value}"`);
  }
  return { budget, windowSeconds };
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

/**
 * `TRUST_PROXY`: unset or `false`, a hop count, or a comma-separated list of the proxies' addresses
 * or CIDR ranges. Not `true`: believing every hop lets a client write its own address into
 * X-Forwarded-For and start a fresh budget with each request. And only with `PUBLIC_URL`: links
 * must not be built from a forwarded host a client can set, in answers a shared cache keeps.
 */
export function parseTrustProxy(value: string | undefined, publicUrl: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === '' || value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  const trusted = /^\d+$/.test(value)
    ? Number(value)
    : entries.every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) || ['loopback', 'linklocal', 'uniquelocal'].includes(entry))
      ? entries.join(',')
      : null;
  if (trusted === null || trusted === 0) {
    throw new ConfigError(
      `TRUST_PROXY must be a number of proxy hops (1 for one load balancer) or the proxies' comma-separated addresses or CIDR ranges (e.g. 10.0.0.0/8,loopback), got "${value}"`,
    );
  }
  if (!publicUrl) throw new ConfigError('TRUST_PROXY needs PUBLIC_URL: behind a proxy, links are made on PUBLIC_URL, never on a forwarded host');
  return trusted;
}
