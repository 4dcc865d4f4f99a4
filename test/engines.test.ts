import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

// The README promises the Node version package.json's engines field names. npm ci installs every package the
// lockfile holds, so each of them must accept the oldest Node that range allows: one that does not makes npm ci
// warn (EBADENGINE) and may fail at run time. package.json's overrides hold back those whose newest releases
// want a newer Node.
const root = path.join(__dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

test('every locked package accepts the oldest Node that package.json promises', () => {
  const promised: string = read('package.json').engines.node;
  const oldest = semver.minVersion(promised)!.version;
  const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
  const refusing = Object.entries(lock.packages)
    .filter(([, entry]) => entry.engines !== undefined && !Array.isArray(entry.engines) && entry.engines.node !== undefined)
    .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node, { includePrerelease: true }))
    .map(([where, entry]) => `${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`);
  expect(oldest).toBe('20.19.0');
  expect(refusing).toEqual([]);
});
