import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/**
 * Runs axe-core (the accessibility checker) on the page or frame as it stands and returns its serious and
 * critical violations, one line each: the rule, what it asks for, and up to five of the elements that break it.
 * The script goes in through the browser's debugging protocol, so the page's Content Security Policy, which
 * allows none but Quipu's own scripts, does not refuse it.
 */
export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(axe.source);
  const results = await target.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}: ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}
