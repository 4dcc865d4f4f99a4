import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCatalogue } from '../../src/ingest/catalogue';
import { seedCatalogue, seedsDir } from './server';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Writes a news file in the source format with `count` dated items. Each names an organisation, a
 * place and a person from the seed gazetteer and a topic keyword, cycling through them, so every
 * article has links of every kind. `summaryPadding` lengthens each summary by about that many
 * characters of words that match nothing, for exports too large to sit in a socket's buffers.
 */
export function writeNewsFixture(count: number, { summaryPadding = 0 }: { summaryPadding?: number } = {}): string {
  const catalogue = seedCatalogue();
  // The entities of the seed's own gazetteer: few, each named often, and each linked by its name alone.
  const seed = parseCatalogue('topics: []', fs.readFileSync(path.join(seedsDir, 'gazetteer.yaml'), 'utf8'));
  // Each topic's strongest keyword, where it links the topic on its own.
  const keywords = catalogue.topics
    .map((t) => ({ t, rule: [...t.rules].sort((a, b) => b.weight - a.weight)[0] }))
    .filter(({ t, rule }) => rule && rule.weight >= t.threshold)
    .map(({ rule }) => rule.match);
  const pick = <T>(list: T[], i: number) => list[i % list.length];
  const padding = summaryPadding > 0 ? ` ${'filler '.repeat(Math.ceil(summaryPadding / 7)).trim()}` : '';
  const items = Array.from({ length: count }, (_, i) => {
    const day = (i % 28) + 1;
    const month = MONTHS[Math.floor(i / 28) % 12];
    const year = 2010 + Math.floor(i / (28 * 12));
    const org = pick(seed.organisations, i).name;
    const place = pick(seed.places, i * 7).name;
    const person = pick(seed.people, i * 3).name;
    return `  • Fixture report ${i + 1} on ${pick(keywords, i)}\n\n    ${day} ${month} ${year}\n\n    ${org} said in ${place} that ${person} spoke about ${pick(keywords, i * 5)}${padding}.\n`;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-fixture-'));
  const file = path.join(dir, `fixture-${count}.txt`);
  fs.writeFileSync(file, items.join('\n'));
  return file;
}
