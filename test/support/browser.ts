import fs from 'node:fs';

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `describe` for a suite that drives Chromium. On a machine without it (a newcomer's) the suite is
 * skipped and says so, loudly, once; with CI set (any CI service sets it) or QUIPU_REQUIRE_BROWSER=1
 * (.ci/run) a missing browser is a failure instead, so CI never passes by skipping.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
  if (fs.existsSync(chromiumPath) || ci || process.env.QUIPU_REQUIRE_BROWSER === '1') {
    describe(name, suite);
    return;
  }
  console.warn(`SKIPPED "${name}": no Chromium at ${chromiumPath} (install Debian's chromium, or set CHROMIUM_PATH)`);
  describe.skip(name, suite);
}
