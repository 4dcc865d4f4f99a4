import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A project of its own in a temporary folder: scripts/built.js, src/, web/, and a dist/ with one command. */
function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-built-'));
  for (const dir of ['scripts', 'src', 'web', 'dist']) fs.mkdirSync(path.join(root, dir));
  fs.copyFileSync(path.resolve(__dirname, '../scripts/built.js'), path.join(root, 'scripts/built.js'));
  fs.writeFileSync(path.join(root, 'src/main.ts'), 'export {};\n');
  fs.writeFileSync(path.join(root, 'web/page.ts'), 'export {};\n');
  fs.writeFileSync(path.join(root, 'dist/cli.js'), "process.stdout.write(JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(3);\n");
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/built.js'), ...args], { encoding: 'utf8' });
  return { root, run };
}

describe('the commands run the build', () => {
  it('run it with their arguments, printing only their own output, and pass on its exit code', () => {
    const { root, run } = project();
    try {
      expect(run('--stamp').status).toBe(0);
      const ran = run('cli.js', 'list', '--json');
      expect([ran.status, ran.stdout, ran.stderr]).toEqual([3, '["list","--json"]\n', '']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('say clearly that a build is needed when there is none, or the source changed after it', () => {
    const { root, run } = project();
    try {
      const none = run('cli.js');
      expect([none.status, none.stdout, none.stderr]).toEqual([1, '', 'Quipu is not built yet: run `npm run build` first (`npm start` builds too).\n']);
      run('--stamp');
      const later = new Date(Date.now() + 5_000);
      // A test changed is not the build's source.
      fs.writeFileSync(path.join(root, 'src/main.test.ts'), 'export {};\n');
      fs.utimesSync(path.join(root, 'src/main.test.ts'), later, later);
      expect(run('cli.js').status).toBe(3);
      fs.utimesSync(path.join(root, 'web/page.ts'), later, later);
      const stale = run('cli.js');
      expect([stale.status, stale.stdout, stale.stderr]).toEqual([1, '', 'The source (src/ or web/) changed after the last build: run `npm run build` first.\n']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
