import fs from 'node:fs';
import path from 'node:path';

/**
 * The file a child process or worker thread starts from: `<name>.js` beside the calling module (dist/),
 * or, when running from the TypeScript sources (tests), `<name>.ts` bundled on the fly into
 * node_modules/.cache/quipu, where its packages resolve. Written under a temporary name, then renamed,
 * because several test processes may do it at once; remade when any of its sources is newer.
 */
export function entryFile(dir: string, name: string): string {
  const built = path.join(dir, `${name}.js`);
  if (fs.existsSync(built)) return built;
  const outfile = path.resolve(__dirname, `../../node_modules/.cache/quipu/${name}.js`);
  if (cachedEntryFresh(outfile)) return outfile;
  // esbuild is a development dependency: only a run from sources comes here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(dir, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temporary = `${outfile}.${process.pid}`;
  // The sources it was made from, beside it: any of them newer makes it stale.
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  fs.writeFileSync(`${temporary}.inputs`, JSON.stringify(inputs));
  fs.renameSync(`${temporary}.inputs`, `${outfile}.inputs`);
  fs.writeFileSync(temporary, result.outputFiles[0].contents);
  fs.renameSync(temporary, outfile);
  return outfile;
}

function cachedEntryFresh(outfile: string): boolean {
  try {
    const made = fs.statSync(outfile).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(`${outfile}.inputs`, 'utf8')) as string[];
    return inputs.every((input) => fs.statSync(input).mtimeMs <= made);
  } catch {
    return false;
  }
}
