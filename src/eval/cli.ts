import path from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogueError } from '../ingest/catalogue';
import { DevsetError, evaluate, formatReport } from './evaluate';

const usage = `Usage: npm run eval [-- [--devset <dir>] [--seeds <dir>]]
Ingests the labelled development set (default: eval/devset) into a fresh in-memory database with the
catalogue of the seeds folder (default: seeds), and prints precision and recall per kind and overall,
then every miss and every extra.`;

/** `npm run eval`: returns the exit code (0 done, 1 bad data, 2 bad usage). */
export async function runEvalCli(argv: string[], output = { out: console.log, err: console.error }): Promise<number> {
  let values: { devset?: string; seeds?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { devset: { type: 'string' }, seeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    output.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const root = path.join(__dirname, '../..');
  try {
    const report = await evaluate(path.resolve(values.devset ?? path.join(root, 'eval/devset')), path.resolve(values.seeds ?? path.join(root, 'seeds')));
    output.out(formatReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof DevsetError) && !(error instanceof CatalogueError)) throw error;
    output.err(error.message);
    return 1;
  }
}

if (require.main === module) {
  runEvalCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(process.env.DEBUG ? error : `eval: ${(error as Error).message ?? error}`);
      process.exit(1);
    },
  );
}
