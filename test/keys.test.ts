import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import type { Sql } from '../src/db/sql';
import { ANONYMOUS_POLICY, anonymousSubject, CostBudgets, DEFAULT_KEY_POLICY, keySubject } from '../src/partner/budget';
import { runKeysCli } from '../src/partner/cli';
import { allowsOrigin, normaliseOrigins, PartnerKeyError, PartnerKeys } from '../src/partner/keys';

const start = Date.parse('2026-01-01T00:00:00.000Z');
let now = start;
const clock = () => now;

let dir: string;
let dbPath: string;
let close: () => Promise<void>;
let sql: Sql;
let keys: PartnerKeys;
beforeEach(async () => {
  now = start;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-keys-'));
  dbPath = path.join(dir, 'quipu.db');
  ({ sql, close } = await openDatabase(dbPath));
  keys = new PartnerKeys(sql, { now: clock });
});
afterEach(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, output: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) } };
}

/** Runs `npm run keys -- ...argv` in process against the test's database file. */
async function cli(...argv: string[]) {
  const { lines, output } = capture();
  const code = await runKeysCli(argv, { DATABASE_URL: `sqlite:${dbPath}` }, output);
  return { code, ...lines };
}

/** Every byte SQLite keeps for the test database (the main file, and the WAL and its index if present). */
function databaseBytes(): string {
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('quipu.db'))
    .map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1'))
    .join('');
}

describe('partner keys', () => {
  it('creates a key with the default budget and shows its secret once, in the qk_ format', async () => {
    const { key, secret } = await keys.create({ name: 'Partner', origins: ['https://partner.example'] });
    expect(secret).toMatch(/^qk_[A-Za-z0-9_-]{43}$/);
    expect(key).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'Partner',
      role: 'partner',
      prefix: secret.slice(0, 12),
      origins: ['https://partner.example'],
      trustedOnly: false,
      budget: DEFAULT_KEY_POLICY.budget,
      windowSeconds: DEFAULT_KEY_POLICY.windowSeconds,
      createdAt: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    expect(await keys.list()).toEqual([key]);
    expect(JSON.stringify(await keys.list())).not.toContain(secret);
  });

  it('verifies a live key, and answers null for revoked, unknown and malformed secrets', async () => {
    const { key, secret } = await keys.create({ name: 'Partner', origins: [], trustedOnly: true, budget: 500, windowSeconds: 10 });
    const other = await keys.create({ name: 'Other', origins: [] });
    expect(await keys.verify(secret)).toEqual(key);
    expect((await keys.verify(other.secret))!.id).toBe(other.key.id);

    const unknown = `qk_${Buffer.alloc(32, 7).toString('base64url')}`;
    const rightPrefixWrongRest = secret.slice(0, 12) + other.secret.slice(12);
    for (const bad of [unknown, rightPrefixWrongRest, '', 'qk_', secret.slice(0, -1), `${secret}x`, ` ${secret}`, secret.replace('qk_', 'QK_'), `Bearer ${secret}`]) {
      expect(await keys.verify(bad)).toBeNull();
    }
    expect(await keys.verify(undefined as unknown as string)).toBeNull();

    await keys.revoke(key.id);
    expect(await keys.verify(secret)).toBeNull();
    expect((await keys.verify(other.secret))!.id).toBe(other.key.id);
  });

  it('never stores the secret: the database file holds its hash and prefix only', async () => {
    const created = await cli('create', '--name', 'Partner', '--origins', 'https://partner.example', '--json');
    expect(created.code).toBe(0);
    const { secret } = JSON.parse(created.out[0]) as { secret: string };
    await close();
    const bytes = databaseBytes();
    const { createHash } = await import('node:crypto');
    expect(bytes).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(bytes).toContain(secret.slice(0, 12));
    expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain(secret.slice(12));
    expect(bytes).not.toContain(Buffer.from(secret.slice(3), 'base64url').toString('latin1'));
  });

  it('a revocation made by another process takes effect within the 1 s cache', async () => {
    const { secret, key } = await keys.create({ name: 'Partner', origins: [] });
    expect((await keys.verify(secret))?.id).toBe(key.id);
    expect((await cli('revoke', key.prefix)).code).toBe(0);
    now += 999;
    expect((await keys.verify(secret))?.id).toBe(key.id);
    now += 1;
    expect(await keys.verify(secret)).toBeNull();
  });

  it('a revocation made in this process takes effect at once', async () => {
    const { secret, key } = await keys.create({ name: 'Partner', origins: [] });
    expect(await keys.verify(secret)).not.toBeNull();
    await keys.revoke(key.prefix);
    expect(await keys.verify(secret)).toBeNull();
  });

  it('revokes by id, by prefix, by the start of a prefix or by the secret, and says which key is unknown or ambiguous', async () => {
    const a = await keys.create({ name: 'A', origins: [] });
    const b = await keys.create({ name: 'B', origins: [] });
    const c = await keys.create({ name: 'C', origins: [] });
    const d = await keys.create({ name: 'D', origins: [] });
    now += 1000;
    expect(await keys.revoke(a.key.id)).toMatchObject({ id: a.key.id, revokedAt: '2026-01-01T00:00:01.000Z' });
    expect((await keys.revoke(b.key.prefix)).id).toBe(b.key.id);
    expect((await keys.revoke(c.key.prefix.slice(0, 7))).id).toBe(c.key.id);
    expect((await keys.revoke(d.secret)).id).toBe(d.key.id);
    now += 1000;
    expect((await keys.revoke(a.key.id)).revokedAt).toBe('2026-01-01T00:00:01.000Z');
    expect((await keys.list()).map((k) => k.revokedAt)).toEqual(new Array(4).fill('2026-01-01T00:00:01.000Z'));

    await expect(keys.revoke('999')).rejects.toThrow(new PartnerKeyError('no key has id 999 (see the ids in `npm run keys -- list`)'));
    await expect(keys.revoke('qk_')).rejects.toThrow(/neither a key id \(a number\) nor a key prefix \(qk_ and at least 4 more characters/);
    await expect(keys.revoke('partner')).rejects.toThrow(PartnerKeyError);
    await expect(keys.revoke('qk_!!!!')).rejects.toThrow('no key has a prefix starting with "qk_!!!!"');

    // Two keys whose prefixes share their first characters (made so: a random pair almost never does).
    const e = await keys.create({ name: 'E', origins: [] });
    const f = await keys.create({ name: 'F', origins: [] });
    await sql.run("UPDATE partner_key SET prefix = 'qk_same' || substr(prefix, 8) WHERE id IN (?, ?)", [Number(e.key.id), Number(f.key.id)]);
    await expect(keys.revoke('qk_same')).rejects.toThrow(`"qk_same" matches 2 keys (${e.key.id} qk_same`);
    expect((await keys.list()).filter((k) => k.revokedAt === null)).toHaveLength(2);
  });

  it('accepts exact http(s) origins, normalised as browsers send them, and rejects anything else with the reason', async () => {
    expect(normaliseOrigins(['https://partner.example', 'HTTPS://Partner.Example/', 'http://localhost:3000', 'https://a.example:443', 'https://bücher.example'])).toEqual([
      'https://partner.example',
      'http://localhost:3000',
      'https://a.example',
      'https://xn--bcher-kva.example',
    ]);
    const rejects: [string, RegExp][] = [
      ['partner.example', /"partner\.example" is not a URL/],
      ['*', /"\*" is not a URL/],
      ['ftp://partner.example', /has scheme ftp, not http or https/],
      ['https://partner.example/widget', /has a path, query or fragment/],
      ['https://partner.example?x=1', /has a path, query or fragment/],
      ['https://partner.example#top', /has a path, query or fragment/],
      ['https://partner.example//', /has a path, query or fragment/],
      ['https://user:pw@partner.example', /carries credentials/],
    ];
    for (const [origin, message] of rejects) {
      expect(() => normaliseOrigins([origin])).toThrow(message);
      await expect(keys.create({ name: 'Partner', origins: ['https://ok.example', origin] })).rejects.toThrow(message);
    }
    expect(await keys.list()).toEqual([]);
  });

  it('lets an empty origin list mean any origin, and a list mean exactly those', async () => {
    const open = (await keys.create({ name: 'Open', origins: [] })).key;
    const closed = (await keys.create({ name: 'Closed', origins: ['https://a.example', 'https://b.example'] })).key;
    expect(allowsOrigin(open, 'https://anywhere.example')).toBe(true);
    expect(allowsOrigin(closed, 'https://b.example')).toBe(true);
    expect(allowsOrigin(closed, 'https://c.example')).toBe(false);
    expect(allowsOrigin(closed, 'https://a.example:8443')).toBe(false);
    expect(allowsOrigin(closed, undefined)).toBe(true);
  });

  it('rejects a missing name, and a budget or window that is not a positive whole number in range', async () => {
    const cases: [Parameters<PartnerKeys['create']>[0], RegExp][] = [
      [{ name: ' ', origins: [] }, /name must be 1 to 100 characters/],
      [{ name: 'x'.repeat(101), origins: [] }, /name must be 1 to 100 characters/],
      [{ name: 'P', origins: [], budget: 0 }, /budget must be a positive whole number of cost points, got 0/],
      [{ name: 'P', origins: [], budget: -5 }, /budget must be a positive whole number/],
      [{ name: 'P', origins: [], budget: 1.5 }, /budget must be a positive whole number/],
      [{ name: 'P', origins: [], windowSeconds: 0 }, /window must be a whole number of seconds from 1 to 86400, got 0/],
      [{ name: 'P', origins: [], windowSeconds: 86_401 }, /window must be a whole number of seconds from 1 to 86400/],
    ];
    for (const [input, message] of cases) await expect(keys.create(input)).rejects.toThrow(message);
    expect(await keys.list()).toEqual([]);
  });
});

describe('npm run keys', () => {
  it('creates, lists and revokes keys, printing the secret exactly once', async () => {
    const created = await cli('create', '--name', 'Partner A', '--origins', 'https://a.example,https://b.example', '--trusted-only', '--budget', '5000', '--window', '30');
    expect(created.code).toBe(0);
    expect(created.err).toEqual([]);
    expect(created.out[0]).toMatch(/^created key 1 for Partner A: partner, qk_\S{9}, 5000 points per 30 s, https:\/\/a\.example, https:\/\/b\.example, trusted documents only$/);
    const secret = /^secret: (qk_\S{43})$/.exec(created.out[1])![1];
    expect(created.out[2]).toBe('This secret will not be shown again (only its hash is stored): copy it now.');
    expect(await keys.verify(secret)).toMatchObject({ name: 'Partner A', budget: 5000, windowSeconds: 30, trustedOnly: true });

    const listed = await cli('list');
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^id\s+prefix\s+name\s+role\s+budget\s+origins\s+trusted only\s+created\s+revoked$/);
    expect(listed.out[1]).toMatch(new RegExp(`^1\\s+${secret.slice(0, 12)}\\s+Partner A\\s+partner\\s+5000/30s\\s+https://a.example,https://b.example\\s+yes\\s+\\S+Z\\s+-$`));
    expect(listed.out.join('\n')).not.toContain(secret);

    const revoked = await cli('revoke', secret.slice(0, 12));
    expect(revoked.code).toBe(0);
    expect(revoked.out[0]).toMatch(new RegExp(`^key 1 \\(${secret.slice(0, 12)}, Partner A\\) revoked at \\S+Z$`));
    expect((await cli('revoke', '1')).out[0]).toMatch(/^key 1 .* was already revoked at /);

    const json = await cli('list', '--json');
    expect(JSON.parse(json.out[0])).toEqual([expect.objectContaining({ id: '1', revokedAt: expect.stringMatching(/Z$/) })]);
  });

  it('uses the defaults and allows any origin when --origins is left out', async () => {
    const created = await cli('create', '--name', 'Open', '--json');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out[0]).key).toMatchObject({ origins: [], budget: 250_000, windowSeconds: 60, trustedOnly: false });
    expect((await cli('list')).out[1]).toContain('(any)');
    expect((await cli('list', '--json')).out[0]).not.toContain(JSON.parse(created.out[0]).secret);
  });

  it('makes an editor key with --role editor, and lists its role', async () => {
    const created = await cli('create', '--name', 'Desk', '--role', 'editor');
    expect(created.out[0]).toMatch(/^created key 1 for Desk: editor, qk_/);
    expect((await cli('list')).out[1]).toMatch(/^1\s+qk_\S+\s+Desk\s+editor\s/);
    expect((await keys.list())[0].role).toBe('editor');
  });

  it('says "no keys yet" on an empty database', async () => {
    expect(await cli('list')).toMatchObject({ code: 0, out: ['no keys yet: npm run keys -- create --name <name>'] });
  });

  it('exits 1 with a clear error on bad input, and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['create', '--name', 'P', '--bogus'], /Unknown option '--bogus'/],
      [['create', '--name', 'P', '--origins', 'https://a.example/path'], /origin "https:\/\/a\.example\/path" has a path, query or fragment/],
      [['create', '--name', 'P', '--budget', '0'], /--budget must be a positive whole number, got "0"/],
      [['create', '--name', 'P', '--budget', '-3'], /--budget/],
      [['create', '--name', 'P', '--budget', 'lots'], /--budget must be a positive whole number, got "lots"/],
      [['create', '--name', 'P', '--window', '1.5'], /--window must be a positive whole number, got "1.5"/],
      [['create', '--origins', 'https://a.example'], /name must be 1 to 100 characters/],
      [['create', '--name', 'P', '--role', 'owner'], /role must be one of partner, editor, admin, got "owner"/],
      [['list', '--budget', '5'], /list does not take --budget/],
      [['revoke'], /revoke needs exactly one key id or prefix/],
      [['revoke', '42'], /no key has id 42/],
      [['revoke', 'qk_abcd'], /no key has a prefix starting with "qk_abcd"/],
      [['rotate'], /unknown command "rotate": use create, list or revoke/],
      [[], /a command is needed: create, list or revoke/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 1 });
      expect(result.err[0]).toMatch(message);
    }
    expect(await keys.list()).toEqual([]);
  });

  it('rejects a DATABASE_URL it cannot use', async () => {
    const { lines, output } = capture();
    expect(await runKeysCli(['list'], { DATABASE_URL: 'mysql://localhost/quipu' }, output)).toBe(1);
    expect(lines.err[0]).toMatch(/DATABASE_URL must be sqlite:<path>/);
  });

  it('is what `npm run keys` runs once built', () => {
    const scripts = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.keys).toBe('node scripts/built.js partner/cli.js');
    expect(fs.existsSync(path.resolve(__dirname, '../src/partner/cli.ts'))).toBe(true);
  });
});

describe('cost budgets', () => {
  const policy = { budget: 100, windowSeconds: 60 };
  let budgets: CostBudgets;
  beforeEach(() => {
    budgets = new CostBudgets({ now: clock });
  });

  it('spends points until the budget is gone, then refuses without spending anything', () => {
    expect(budgets.charge('key:1', policy, 60)).toEqual({ allowed: true, limit: 100, remaining: 40, resetSeconds: 60, retryAfterSeconds: 0 });
    now += 10_500;
    expect(budgets.charge('key:1', policy, 50)).toEqual({ allowed: false, limit: 100, remaining: 40, resetSeconds: 50, retryAfterSeconds: 50 });
    expect(budgets.charge('key:1', policy, 40)).toEqual({ allowed: true, limit: 100, remaining: 0, resetSeconds: 50, retryAfterSeconds: 0 });
    expect(budgets.charge('key:1', policy, 1)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    expect(budgets.charge('key:1', policy, 0)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('gives the whole budget back when the window ends, not a millisecond before', () => {
    budgets.charge('key:1', policy, 100);
    now += 59_999;
    expect(budgets.charge('key:1', policy, 1)).toMatchObject({ allowed: false, resetSeconds: 1, retryAfterSeconds: 1 });
    now += 1;
    expect(budgets.charge('key:1', policy, 30)).toEqual({ allowed: true, limit: 100, remaining: 70, resetSeconds: 60, retryAfterSeconds: 0 });
  });

  it('refuses a cost larger than the whole budget, with nothing to wait for, and spends nothing', () => {
    expect(budgets.charge('key:1', policy, 101)).toEqual({ allowed: false, limit: 100, remaining: 100, resetSeconds: 60, retryAfterSeconds: 0 });
    expect(budgets.peek('key:1', policy)).toMatchObject({ remaining: 100 });
    expect(budgets.size).toBe(0);
    expect(budgets.charge('key:1', policy, 100)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps each subject to its own budget and policy', () => {
    budgets.charge(keySubject('1'), policy, 100);
    expect(budgets.charge(keySubject('2'), policy, 100).allowed).toBe(true);
    const whole = ANONYMOUS_POLICY.budget;
    expect(budgets.charge(anonymousSubject('203.0.113.7'), ANONYMOUS_POLICY, whole)).toMatchObject({ allowed: true, limit: whole, remaining: 0 });
    expect(budgets.charge(anonymousSubject('203.0.113.8'), ANONYMOUS_POLICY, 1)).toMatchObject({ allowed: true, remaining: whole - 1 });
    expect(budgets.charge(keySubject('1'), policy, 1).allowed).toBe(false);
  });

  it('peeks without spending', () => {
    expect(budgets.peek('key:1', policy)).toEqual({ allowed: true, limit: 100, remaining: 100, resetSeconds: 60, retryAfterSeconds: 0 });
    budgets.charge('key:1', policy, 100);
    now += 20_000;
    expect(budgets.peek('key:1', policy)).toEqual({ allowed: false, limit: 100, remaining: 0, resetSeconds: 40, retryAfterSeconds: 40 });
    expect(budgets.peek('key:1', policy)).toEqual(budgets.peek('key:1', policy));
  });

  it('keeps memory bounded: ended windows are dropped, and past maxSubjects the longest-known go first', () => {
    const small = new CostBudgets({ now: clock, maxSubjects: 3 });
    for (const ip of ['a', 'b', 'c', 'd', 'e']) small.charge(anonymousSubject(ip), policy, 10);
    expect(small.size).toBe(3);
    expect(small.peek(anonymousSubject('a'), policy).remaining).toBe(100);
    expect(small.peek(anonymousSubject('e'), policy).remaining).toBe(90);
    now += 61_000;
    small.charge(anonymousSubject('f'), policy, 10);
    expect(small.size).toBe(1);
  });

  it('rejects a negative or non-finite cost and a non-positive policy', () => {
    expect(() => budgets.charge('key:1', policy, -1)).toThrow(RangeError);
    expect(() => budgets.charge('key:1', policy, Number.NaN)).toThrow(RangeError);
    expect(() => budgets.charge('key:1', policy, Infinity)).toThrow(RangeError);
    expect(() => budgets.charge('key:1', { budget: 0, windowSeconds: 60 }, 1)).toThrow(/budget > 0 and windowSeconds > 0/);
  });
});
