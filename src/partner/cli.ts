import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { DEFAULT_KEY_POLICY } from './budget';
import { type KeyRole, type PartnerKey, PartnerKeyError, PartnerKeys } from './keys';

const usage = `Usage:
  npm run keys -- create --name <name> [--role partner|editor|admin] [--origins <origin,origin>] [--trusted-only] [--budget <points>] [--window <seconds>] [--json]
  npm run keys -- list [--json]
  npm run keys -- revoke <id|prefix> [--json]
Manages API keys in the database named by DATABASE_URL.
  --role          partner (default) reads; editor also runs the API's mutations; admin also manages keys
  --origins       exact origins browsers may call from, comma-separated (https://partner.example); left out: any origin
  --trusted-only  the key may only run trusted documents (persisted by hash from the server's list)
  --budget        cost points per window (default ${DEFAULT_KEY_POLICY.budget})
  --window        the window in seconds, 1 to 86400 (default ${DEFAULT_KEY_POLICY.windowSeconds})`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const options = {
  name: { type: 'string' },
  role: { type: 'string' },
  origins: { type: 'string', multiple: true },
  'trusted-only': { type: 'boolean' },
  budget: { type: 'string' },
  window: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes (parseArgs knows them all; this keeps each command to its own). */
const allowed: Record<string, readonly string[]> = {
  create: ['name', 'role', 'origins', 'trusted-only', 'budget', 'window', 'json'],
  list: ['json'],
  revoke: ['json'],
};

class UsageError extends Error {}

/** `npm run keys`: returns the exit code (0 done; 1 bad input or usage, nothing changed). */
export async function runKeysCli(argv: string[], env: NodeJS.ProcessEnv, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    output.out(usage);
    return 0;
  }
  let config;
  try {
    if (!command || !(command in allowed))
      throw new UsageError(command ? `unknown command "${command}": use create, list or revoke` : 'a command is needed: create, list or revoke');
    const extra = Object.keys(values).filter((name) => !allowed[command].includes(name));
    if (extra.length > 0) throw new UsageError(`${command} does not take --${extra.join(', --')}`);
    if (command === 'revoke' ? rest.length !== 1 : rest.length > 0) {
      throw new UsageError(command === 'revoke' ? 'revoke needs exactly one key id or prefix' : `${command} takes no arguments, got "${rest.join(' ')}"`);
    }
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    output.err(error instanceof UsageError ? `${error.message}\n${usage}` : error.message);
    return 1;
  }

  const database = await openDatabase(config.database, { report: (message) => output.err(message) });
  const { sql } = database;
  try {
    const keys = new PartnerKeys(sql);
    if (command === 'create') {
      const { key, secret } = await keys.create({
        name: values.name ?? '',
        role: values.role as KeyRole | undefined,
        origins: (values.origins ?? []).flatMap((list) => list.split(',')).filter((origin) => origin.trim() !== ''),
        trustedOnly: values['trusted-only'] ?? false,
        budget: values.budget === undefined ? undefined : wholeNumber('--budget', values.budget),
        windowSeconds: values.window === undefined ? undefined : wholeNumber('--window', values.window),
      });
      if (values.json) {
        output.out(JSON.stringify({ key, secret }));
      } else {
        output.out(`created key ${key.id} for ${key.name}: ${describe(key)}`);
        output.out(`secret: ${secret}`);
        output.out('This secret will not be shown again (only its hash is stored): copy it now.');
      }
    } else if (command === 'list') {
      const all = await keys.list();
      if (values.json) output.out(JSON.stringify(all));
      else if (all.length === 0) output.out('no keys yet: npm run keys -- create --name <name>');
      else for (const line of table(all)) output.out(line);
    } else {
      const started = new Date().toISOString();
      const key = await keys.revoke(rest[0]);
      const already = key.revokedAt! < started;
      if (values.json) output.out(JSON.stringify(key));
      else output.out(`key ${key.id} (${key.prefix}, ${key.name}) ${already ? 'was already revoked' : 'revoked'} at ${key.revokedAt}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof PartnerKeyError)) throw error;
    output.err(error.message);
    return 1;
  } finally {
    await database.close();
  }
}

/** Parses a flag's value as a whole number, or throws a PartnerKeyError naming the flag. */
function wholeNumber(flag: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new PartnerKeyError(`${flag} must be a positive whole number, got "${text}"`);
  const value = Number(text);
  if (value < 1) throw new PartnerKeyError(`${flag} must be a positive whole number, got "${text}"`);
  return value;
}

function describe(key: PartnerKey): string {
  const origins = key.origins.length === 0 ? 'any origin' : key.origins.join(', ');
  return `${key.role}, ${key.prefix}, ${key.budget} points per ${key.windowSeconds} s, ${origins}${key.trustedOnly ? ', trusted documents only' : ''}`;
}

function table(keys: PartnerKey[]): string[] {
  const rows = [
    ['id', 'prefix', 'name', 'role', 'budget', 'origins', 'trusted only', 'created', 'revoked'],
    ...keys.map((key) => [
      key.id,
      key.prefix,
      key.name,
      key.role,
      `${key.budget}/${key.windowSeconds}s`,
      key.origins.length === 0 ? '(any)' : key.origins.join(','),
      key.trustedOnly ? 'yes' : 'no',
      key.createdAt,
      key.revokedAt ?? '-',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

if (require.main === module) {
  runKeysCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Unexpected: the message, not a stack trace; the stack only when asked for (DEBUG=1).
      console.error(process.env.DEBUG ? error : `keys: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
