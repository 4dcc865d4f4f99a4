/**
 * Writes items in the scraped news-file format that ingest/parse.ts reads (see docs/linking.md, "News file
 * format"), so a synthetic corpus can also go through the normal ingest path: the test that holds
 * the bulk writer to the rows of upsertBatch does exactly that.
 */
import type { ParsedItem } from '../ingest/parse';

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** `2018-03-11` -> `11 March 2018`, the date line of a news item. */
function dateLine(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/**
 * One news file holding `items`. A news page lists its newest item first and the ingest stores a
 * file's items bottom-up, so the file lists them in reverse: the ingest then stores them in the
 * order given, with the same ids as a bulk load of the same list.
 */
export function toNewsFile(items: readonly ParsedItem[]): string {
  const blocks: string[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const { title, publishedAt, summary, body } = items[i];
    const paragraphs = [...(publishedAt ? [dateLine(publishedAt)] : []), summary, ...(body ? body.split('\n\n') : [])];
    blocks.push(`• ${title}\n${paragraphs.map((p) => `    ${p}`).join('\n\n')}\n`);
  }
  return blocks.join('\n');
}
