import path from 'node:path';

/** Compiled bench code runs from dist-bench/bench/<folder>/: the repository is three levels up. */
export const repoRoot = path.resolve(__dirname, '../../..');
export const seedsDir = path.join(repoRoot, 'seeds');
export const syntheticCli = path.join(repoRoot, 'dist/synthetic/cli.js');
