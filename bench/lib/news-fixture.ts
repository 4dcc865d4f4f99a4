import fs from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../src/ingest/catalogue';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A news file in the source format with `count` dated items, made as test/support/factories.ts
 * `writeNewsFixture` makes it (that module finds the seeds relative to test/, which compiled bench
 * code is not beside): each item names an organisation, a place, a person and topic keywords of
 * the seed catalogue, cycling through them, so every article has links of every kind.
 */
export function writeNewsFixture(seedsDir: string, count: number, dir: string): string {
  const catalogue = loadCatalogue(seedsDir);
  const keywords = catalogue.topics
    .map((t) => ({ t, rule: [...t.rules].sort((a, b) => b.weight - a.weight)[0] }))
    .filter(({ t, rule }) => rule && rule.weight >= t.threshold)
    .map(({ rule }) => rule.match);
  const pick = <T>(list: T[], i: number) => list[i % list.length];
  const items = Array.from({ length: count }, (_, i) => {
    const day = (i % 28) + 1;
    const month = MONTHS[Math.floor(i / 28) % 12];
    const year = 2010 + Math.floor(i / (28 * 12));
    const org = pick(catalogue.organisations, i).name;
    const place = pick(catalogue.places, i * 7).name;
    const person = pick(catalogue.people, i * 3).name;
    return `  • Fixture report ${i + 1} on ${pick(keywords, i)}\n\n    ${day} ${month} ${year}\n\n    ${org} said in ${place} that ${person} spoke about ${pick(keywords, i * 5)}.\n`;
  });
  const file = path.join(dir, `fixture-${count}.txt`);
  fs.writeFileSync(file, items.join('\n'));
  return file;
}
