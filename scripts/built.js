#!/usr/bin/env node
// Runs one of Quipu's commands from the build (dist/), so that `npm run keys`, `npm run seed` and the
// others start at once and print nothing but their own output: `npm run -s keys -- list --json | jq`
// works. When there is no build, or src/ or web/ changed after it, it says so and runs nothing.
// `node scripts/built.js --stamp` marks a build as done (the last step of `npm run build`).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.built');
const [command, ...args] = process.argv.slice(2);

if (command === '--stamp') {
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.exit(0);
}

/** The newest modification time of any file below `dir` that goes into the build (tests do not). */
function newest(dir) {
  let time = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) time = Math.max(time, newest(file));
    else if (!entry.name.endsWith('.test.ts')) time = Math.max(time, fs.statSync(file).mtimeMs);
  }
  return time;
}

const target = path.join(root, 'dist', command ?? '');
if (!command || !fs.existsSync(target) || !fs.existsSync(stamp)) {
  console.error('Quipu is not built yet: run `npm run build` first (`npm start` builds too).');
  process.exit(1);
}
const built = fs.statSync(stamp).mtimeMs;
if (newest(path.join(root, 'src')) > built || newest(path.join(root, 'web')) > built) {
  console.error('The source (src/ or web/) changed after the last build: run `npm run build` first.');
  process.exit(1);
}
const run = spawnSync(process.execPath, [target, ...args], { stdio: 'inherit' });
if (run.error) throw run.error;
process.exit(run.status ?? 1);
