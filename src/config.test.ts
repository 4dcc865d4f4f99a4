import path from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config';

const root = path.resolve(__dirname, '..');

describe('configuration', () => {
  it('defaults to port 4000 and data/quipu.db in the repository', () => {
    expect(loadConfig({})).toMatchObject({ port: 4000, host: '0.0.0.0', database: path.join(root, 'data/quipu.db') });
  });

  it('reads sqlite: URLs with relative and absolute paths, and sqlite::memory:', () => {
    expect(parseDatabaseUrl('sqlite:tmp/x.db')).toBe(path.join(root, 'tmp/x.db'));
    expect(parseDatabaseUrl('sqlite:/var/lib/quipu.db')).toBe('/var/lib/quipu.db');
    expect(parseDatabaseUrl('sqlite:///var/lib/quipu.db')).toBe('/var/lib/quipu.db');
    expect(parseDatabaseUrl('sqlite::memory:')).toBe(':memory:');
  });

  it('reads postgres:// URLs as given, and a read replica only beside one', () => {
    expect(parseDatabaseUrl('postgres://quipu@127.0.0.1:5432/quipu')).toBe('postgres://quipu@127.0.0.1:5432/quipu');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/quipu', DATABASE_READ_URL: 'postgres://replica/quipu' })).toMatchObject({
      database: 'postgresql://db/quipu',
      databaseReadUrl: 'postgres://replica/quipu',
    });
    expect(() => parseDatabaseUrl('postgres://db')).toThrow(new ConfigError('DATABASE_URL must name a database: postgres://user@host:port/database, got "postgres://db"'));
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/quipu' })).toThrow(
      'DATABASE_READ_URL is for a PostgreSQL DATABASE_URL: SQLite reads on reader processes of its own',
    );
  });

  it('reads REDIS_URL (unset: no Redis) and REDIS_PREFIX, hiding a password in its error', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: null, redisPrefix: 'quipu:' });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2', REDIS_PREFIX: 'news-a:' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/2', redisPrefix: 'news-a:' });
    expect(loadConfig({ REDIS_URL: 'rediss://user:secret@cache.example.org:6380' }).redisUrl).toBe('rediss://user:secret@cache.example.org:6380');
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@cache:6379' })).toThrow(
      'REDIS_URL must be redis://host:port or rediss://host:port, with an optional user:password@ and /<database number>, got "http://user:***@cache:6379"',
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379/keys' })).toThrow('REDIS_URL must be redis://host:port');
    expect(() => loadConfig({ REDIS_PREFIX: 'quipu news' })).toThrow('REDIS_PREFIX must be 1 to 64 letters, digits or :_.- (e.g. quipu:), got "quipu news"');
  });

  it('rejects what it cannot use, naming the variable and what is allowed', () => {
    expect(() => parseDatabaseUrl('mysql://db/quipu')).toThrow(
      new ConfigError('DATABASE_URL must be sqlite:<path>, sqlite::memory: or postgres://user@host:port/database, got "mysql://db/quipu"'),
    );
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be an integer from 0 to 65535, got "eighty"');
    expect(() => loadConfig({ ANONYMOUS_BUDGET: '100 per minute' })).toThrow(
      'ANONYMOUS_BUDGET must be <points>/<seconds> (points ≥ 1, seconds 1–86400, e.g. 50000/60) or off, got "100 per minute"',
    );
    expect(() => loadConfig({ INTROSPECTION: 'no' })).toThrow('INTROSPECTION must be true or false, got "no"');
  });

  it('reads the feed poll interval (off unless set) and the response cache switch (on unless set)', () => {
    expect(loadConfig({})).toMatchObject({ ingestIntervalSeconds: null, responseCache: true });
    expect(loadConfig({ INGEST_INTERVAL: '300', RESPONSE_CACHE: 'false' })).toMatchObject({ ingestIntervalSeconds: 300, responseCache: false });
    expect(() => loadConfig({ INGEST_INTERVAL: '5' })).toThrow('INGEST_INTERVAL must be a whole number from 10 to 86400, got "5"');
    expect(() => loadConfig({ RESPONSE_CACHE: 'maybe' })).toThrow('RESPONSE_CACHE must be true or false, got "maybe"');
  });

  it('reads which proxies to trust, never all of them, and only with PUBLIC_URL', () => {
    const publicUrl = { PUBLIC_URL: 'https://news.example.org' };
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ...publicUrl, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...publicUrl, TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe('10.0.0.0/8,loopback');
    for (const value of ['true', '0', 'the load balancer']) {
      expect(() => loadConfig({ ...publicUrl, TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be a number of proxy hops/);
    }
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow('TRUST_PROXY needs PUBLIC_URL: behind a proxy, links are made on PUBLIC_URL, never on a forwarded host');
  });

  it('reads the anonymous budget and introspection switch', () => {
    expect(loadConfig({})).toMatchObject({ anonymousBudget: { budget: 50_000, windowSeconds: 60 }, introspection: true });
    expect(loadConfig({ ANONYMOUS_BUDGET: '900/30', INTROSPECTION: 'false' })).toMatchObject({ anonymousBudget: { budget: 900, windowSeconds: 30 }, introspection: false });
    expect(loadConfig({ ANONYMOUS_BUDGET: 'off' }).anonymousBudget).toBeNull();
  });

  it('reads PUBLIC_URL as an http(s) origin, and leaves it null when unset', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://news.example.org/' }).publicUrl).toBe('https://news.example.org');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).publicUrl).toBe('http://localhost:8080');
    for (const bad of ['news.example.org', 'ftp://news.example.org', 'https://news.example.org/quipu', 'https://news.example.org/?a=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(new ConfigError(`PUBLIC_URL must be an http(s) origin such as https://news.example.org (no path), got "${bad}"`));
    }
  });

  it('reads ALLOWED_HOSTS as host or host:port entries, lower-cased, and leaves it null when unset', () => {
    expect(loadConfig({}).allowedHosts).toBeNull();
    expect(loadConfig({ ALLOWED_HOSTS: '' }).allowedHosts).toBeNull();
    expect(loadConfig({ ALLOWED_HOSTS: 'news.example.org' }).allowedHosts).toEqual(['news.example.org']);
    expect(loadConfig({ ALLOWED_HOSTS: 'News.Example.org, news.example.org:8443,127.0.0.1:4000,[::1]:4000,[2001:DB8::1],quipu-1' }).allowedHosts).toEqual([
      'news.example.org',
      'news.example.org:8443',
      '127.0.0.1:4000',
      '[::1]:4000',
      '[2001:db8::1]',
      'quipu-1',
    ]);
    const bads: [string, string][] = [
      ['*', '"*"'],
      ['*.example.org', '"*.example.org"'],
      ['https://news.example.org', '"https://news.example.org"'],
      ['news.example.org/quipu', '"news.example.org/quipu"'],
      ['news.example.org:0', '"news.example.org:0"'],
      ['news.example.org:65536', '"news.example.org:65536"'],
      ['news.example.org:http', '"news.example.org:http"'],
      ['::1', '"::1"'],
      ['news.example.org,', 'an empty entry'],
      ['a.example,,b.example', 'an empty entry'],
      ['news example.org', '"news example.org"'],
    ];
    for (const [bad, entry] of bads) {
      expect(() => loadConfig({ ALLOWED_HOSTS: bad })).toThrow(
        new ConfigError(
          `ALLOWED_HOSTS must be a comma-separated list of host names or addresses, each with an optional port (e.g. news.example.org,news.example.org:8443,[::1]:4000; no scheme, path or wildcard), got "${bad}" (${entry} is not one)`,
        ),
      );
    }
  });
});
