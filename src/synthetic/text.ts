/**
 * Composes the text of one field: filler words drawn from the Zipf vocabulary, with the planned
 * mentions (names, aliases, topic keywords) inserted at random positions, in sentences and
 * paragraphs. Two mentions never touch: at least one filler word separates them, so the matcher
 * reads each one exactly as inserted.
 */
import type { Random, ZipfSampler } from './random';
import type { Vocabulary } from './words';

/** A phrase to insert and how many whitespace-separated words it counts for. */
export interface Insert {
  text: string;
  words: number;
}

/** How a field is laid out: a title is one run of words; prose has sentences and paragraphs. */
export type Layout = 'title' | 'paragraph' | 'paragraphs';

/** In a title, a filler word of one of these top ranks is usually drawn again. */
const HEADLINE_SKIP = 25;

/** Draws filler words and lays out fields; one per generator, reused for every article. */
export class TextComposer {
  constructor(
    private readonly random: Random,
    private readonly vocabulary: Vocabulary,
    private readonly zipf: ZipfSampler,
  ) {}

  /**
   * `totalWords` words in all (inserts included), inserts in random, non-adjacent positions.
   * The caller keeps the inserts' words to at most half of `totalWords`, so there is room.
   */
  compose(inserts: Insert[], totalWords: number, layout: Layout): string {
    const r = this.random;
    const { words, capitalised } = this.vocabulary;
    let insertWords = 0;
    for (const m of inserts) insertWords += m.words;
    const fillers = totalWords - insertWords;
    const gaps = this.gaps(inserts.length, fillers);
    const prose = layout !== 'title';
    let sentenceLeft = prose ? r.int(8, 24) : Number.POSITIVE_INFINITY;
    let paragraphLeft = layout === 'paragraphs' ? r.int(40, 120) : Number.POSITIVE_INFINITY;
    // Words are collected and joined once per paragraph: measurably cheaper than concatenating.
    const paragraphs: string[] = [];
    let out: string[] = [];
    let atStart = true;
    let next = 0; // the next insert to place (gaps are ascending)
    for (let unit = 0, position = 0, units = fillers + inserts.length; unit < units; unit++) {
      // The insert of this gap comes before the filler word of this position.
      let word: string;
      if (next < gaps.length && gaps[next] === position) {
        const insert = inserts[next++].text;
        word = atStart ? insert.charAt(0).toUpperCase() + insert.slice(1) : insert;
      } else {
        let rank = this.zipf.sample(r);
        // Headlines are terse: most of the commonest function words are drawn again.
        if (!prose && rank < HEADLINE_SKIP && r.chance(0.6)) rank = this.zipf.sample(r);
        word = atStart ? capitalised[rank] : words[rank];
        position++;
      }
      atStart = false;
      paragraphLeft--;
      if (--sentenceLeft === 0) {
        out.push(`${word}.`);
        atStart = true;
        sentenceLeft = r.int(8, 24);
        if (paragraphLeft <= 0) {
          paragraphs.push(out.join(' '));
          out = [];
          paragraphLeft = r.int(40, 120);
        }
      } else {
        out.push(prose && r.chance(0.06) ? `${word},` : word);
      }
    }
    if (out.length > 0) {
      const last = out[out.length - 1];
      if (prose && !last.endsWith('.')) out[out.length - 1] = `${last.endsWith(',') ? last.slice(0, -1) : last}.`;
      paragraphs.push(out.join(' '));
    }
    return paragraphs.join('\n\n');
  }

  /** `count` distinct positions among the `fillers + 1` gaps around the filler words, ascending. */
  private gaps(count: number, fillers: number): number[] {
    const chosen: number[] = [];
    while (chosen.length < count) {
      const g = this.random.int(0, fillers);
      if (!chosen.includes(g)) chosen.push(g);
    }
    return chosen.sort((a, b) => a - b);
  }
}
