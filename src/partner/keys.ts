/**
 * API keys: each with a role (a partner reads; an editor also writes through the API's mutations; an
 * admin also manages keys), its own cost budget, allowed browser origins, and
 * optionally the rule that it may only run trusted documents (persisted by hash from the server's list).
 *
 * A secret is `qk_` and 43 base64url characters (32 random bytes). Only its SHA-256 is stored, with its
 * first 12 characters (the prefix, unique) to name it in listings and to find its row: verify() reads
 * the row by prefix and compares the hashes in constant time, so neither the lookup nor the comparison
 * tells a caller how much of a guess was right.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db/sql';
import { DEFAULT_KEY_POLICY } from './budget';

/** What a key may do: `partner` reads, `editor` also runs mutations, `admin` also manages keys. */
export type KeyRole = 'partner' | 'editor' | 'admin';
export const KEY_ROLES: readonly KeyRole[] = ['partner', 'editor', 'admin'];

export interface PartnerKey {
  id: string;
  name: string;
  role: KeyRole;
  /** The secret's first characters, e.g. `qk_Xk3v9-aQ2`: shown in listings, not secret. */
  prefix: string;
  /** Exact origins (`https://partner.example`) browsers may send requests from; empty = any origin. */
  origins: string[];
  /** Only trusted documents (persisted by hash from the server's list) may be run with this key. */
  trustedOnly: boolean;
  /** Cost points per window. */
  budget: number;
  windowSeconds: number;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewPartnerKey {
  name: string;
  /** Default `partner`. */
  role?: KeyRole;
  origins: string[];
  trustedOnly?: boolean;
  budget?: number;
  windowSeconds?: number;
}

/** Bad input to create() or revoke(); the message names the field and what is allowed. */
export class PartnerKeyError extends Error {}

export interface PartnerKeysOptions {
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /** How long verify() trusts what it read (default 1,000 ms): the longest a revocation made elsewhere takes. */
  cacheMs?: number;
}

const SECRET_PREFIX = 'qk_';
const SECRET_PATTERN = /^qk_[A-Za-z0-9_-]{43}$/;
/** `qk_` and 9 characters of the secret: 54 random bits, plenty to tell keys apart. */
const PREFIX_LENGTH = 12;
/** A revoke argument that is a prefix must have at least this many characters after `qk_`. */
const MIN_PREFIX_QUERY = 4;
const MAX_NAME_LENGTH = 100;
const MAX_WINDOW_SECONDS = 86_400;
/** Past this many cached answers (most would be guesses), the cache starts again empty. */
const MAX_CACHED = 10_000;

interface Row {
  id: number;
  name: string;
  role: KeyRole;
  prefix: string;
  hash: string;
  origins: string;
  trusted_only: number;
  budget: number;
  window_seconds: number;
  created_at: string;
  revoked_at: string | null;
}

const columns = 'id, name, role, prefix, hash, origins, trusted_only, budget, window_seconds, created_at, revoked_at';

export class PartnerKeys {
  private readonly now: () => number;
  private readonly cacheMs: number;
  /** verify()'s answers by the secret's hash (never by the secret), each with when it expires. */
  private readonly cache = new Map<string, { key: PartnerKey | null; expires: number }>();

  constructor(
    private readonly sql: Sql,
    options: PartnerKeysOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cacheMs = options.cacheMs ?? 1_000;
  }

  /** Creates a key; the secret is returned here once and cannot be recovered later. */
  async create(input: NewPartnerKey): Promise<{ key: PartnerKey; secret: string }> {
    const name = checkName(input.name);
    const role = input.role ?? 'partner';
    if (!KEY_ROLES.includes(role)) throw new PartnerKeyError(`role must be one of ${KEY_ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    const origins = normaliseOrigins(input.origins);
    const budget = input.budget ?? DEFAULT_KEY_POLICY.budget;
    const windowSeconds = input.windowSeconds ?? DEFAULT_KEY_POLICY.windowSeconds;
    if (!Number.isSafeInteger(budget) || budget < 1) {
      throw new PartnerKeyError(`budget must be a positive whole number of cost points, got ${budget}`);
    }
    if (!Number.isSafeInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
      throw new PartnerKeyError(`window must be a whole number of seconds from 1 to ${MAX_WINDOW_SECONDS}, got ${windowSeconds}`);
    }
    const createdAt = new Date(this.now()).toISOString();
    for (;;) {
      const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
      const prefix = secret.slice(0, PREFIX_LENGTH);
      // A prefix seen before (about one chance in 10^16 per pair of keys): draw again.
      if (await this.sql.get('SELECT 1 FROM partner_key WHERE prefix = ?', [prefix])) continue;
      const { rows } = await this.sql.run(
        'INSERT INTO partner_key (name, role, prefix, hash, origins, trusted_only, budget, window_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
        [name, role, prefix, hash('sha256', secret, 'hex'), JSON.stringify(origins), input.trustedOnly ? 1 : 0, budget, windowSeconds, createdAt],
      );
      const row = (await this.sql.get<Row>(`SELECT ${columns} FROM partner_key WHERE id = ?`, [rows[0].id]))!;
      return { key: toKey(row), secret };
    }
  }

  /** Every key, revoked ones included, oldest first. */
  async list(): Promise<PartnerKey[]> {
    return (await this.sql.all<Row>(`SELECT ${columns} FROM partner_key ORDER BY id`)).map(toKey);
  }

  /**
   * Revokes the key with this id, or whose prefix starts with this text (`qk_` and at least 4 more
   * characters). Revoking a revoked key changes nothing and returns it as it is. Throws a
   * PartnerKeyError when no key or more than one key matches.
   */
  async revoke(idOrPrefix: string): Promise<PartnerKey> {
    const row = await this.find(idOrPrefix.trim());
    if (row.revoked_at === null) {
      row.revoked_at = new Date(this.now()).toISOString();
      await this.sql.run('UPDATE partner_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [row.revoked_at, row.id]);
    }
    this.cache.clear();
    return toKey(row);
  }

  /**
   * The live key whose secret this is, or null (unknown, revoked, malformed). Answers are cached for
   * `cacheMs` (1 s by default): a revocation in this process takes effect at once, one made by another
   * process (the CLI, another server instance) within that time.
   */
  async verify(secret: string): Promise<PartnerKey | null> {
    if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) return null;
    // The one-shot hash to base64 costs a quarter of createHash().digest(): this runs on every request.
    const cacheKey = hash('sha256', secret, 'base64');
    const now = this.now();
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined && cached.expires > now) return cached.key;
    const [row] = await this.sql.lookup<Row>(`SELECT ${columns} FROM partner_key WHERE prefix = ?`, [secret.slice(0, PREFIX_LENGTH)], { samePlan: true });
    const matches = row !== undefined && timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(cacheKey, 'base64'));
    const key = matches && row.revoked_at === null ? toKey(row) : null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(cacheKey, { key, expires: now + this.cacheMs });
    return key;
  }

  private async find(query: string): Promise<Row> {
    if (/^[1-9][0-9]*$/.test(query)) {
      const row = await this.sql.get<Row>(`SELECT ${columns} FROM partner_key WHERE id = ?`, [Number(query)]);
      if (!row) throw new PartnerKeyError(`no key has id ${query} (see the ids in \`npm run keys -- list\`)`);
      return row;
    }
    if (!query.startsWith(SECRET_PREFIX) || query.length < SECRET_PREFIX.length + MIN_PREFIX_QUERY) {
      throw new PartnerKeyError(
        `"${query}" is neither a key id (a number) nor a key prefix (qk_ and at least ${MIN_PREFIX_QUERY} more characters, as in \`npm run keys -- list\`)`,
      );
    }
    // The whole secret works too: it starts with its key's prefix.
    const text = query.slice(0, PREFIX_LENGTH);
    const rows = await this.sql.all<Row>(`SELECT ${columns} FROM partner_key WHERE substr(prefix, 1, ?) = ? ORDER BY id`, [text.length, text]);
    if (rows.length === 0) throw new PartnerKeyError(`no key has a prefix starting with "${text}"`);
    if (rows.length > 1) {
      throw new PartnerKeyError(`"${text}" matches ${rows.length} keys (${rows.map((r) => `${r.id} ${r.prefix}`).join(', ')}): give more of the prefix, or the id`);
    }
    return rows[0];
  }
}

/** Whether a request from `origin` (its Origin header; undefined when it sent none) may use `key`. */
export function allowsOrigin(key: PartnerKey, origin: string | undefined): boolean {
  return origin === undefined || key.origins.length === 0 || key.origins.includes(origin);
}

/**
 * Checks and normalises origins as browsers send them in the Origin header: `http(s)://host[:port]`,
 * lower case, without a default port, a path, a query or credentials (one trailing `/` is forgiven).
 * Duplicates are dropped. Throws a PartnerKeyError naming the first bad one.
 */
export function normaliseOrigins(origins: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of origins) {
    const origin = normaliseOrigin(raw);
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

function normaliseOrigin(raw: string): string {
  const text = raw.trim();
  const bad = (why: string) => new PartnerKeyError(`origin "${raw}" ${why}: give an origin as a browser sends it, like https://partner.example or http://localhost:3000`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad(`has scheme ${url.protocol.slice(0, -1)}, not http or https`);
  if (url.username || url.password) throw bad('carries credentials');
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(text) || !/^https?:\/\/[^/]+\/?$/i.test(text)) {
    throw bad('has a path, query or fragment');
  }
  return url.origin;
}

function checkName(name: unknown): string {
  const text = typeof name === 'string' ? name.trim() : '';
  if (text.length === 0 || text.length > MAX_NAME_LENGTH) {
    throw new PartnerKeyError(`name must be 1 to ${MAX_NAME_LENGTH} characters (who the key is for), got ${JSON.stringify(name)}`);
  }
  return text;
}

function toKey(row: Row): PartnerKey {
  // Frozen: verify() hands the same object to every request that presents the key.
  return Object.freeze({
    id: String(row.id),
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    origins: Object.freeze(JSON.parse(row.origins) as string[]) as string[],
    trustedOnly: row.trusted_only === 1,
    budget: row.budget,
    windowSeconds: row.window_seconds,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });
}
