/**
 * Words for the synthetic corpus: pronounceable pseudo-words built from syllables, and the filler
 * vocabulary that article text is drawn from (real English function words first, so text reads
 * like text, then pseudo-words, shorter ones more frequent as in real language).
 *
 * Every pseudo-word is handed out once: filler words, topic keywords and entity names come from
 * disjoint pools, so a name or keyword appears in an article only where the generator put it.
 */
import type { Random } from './random';

/** About 200 of the most frequent English words, most frequent first (the head of the Zipf ranking). */
export const FUNCTION_WORDS: readonly string[] = (
  'the of and to a in that is was it for on with as be by at this from or an are not have had which but ' +
  'they his were has been their its one would all there we will more who also can she her when if out ' +
  'so about up what into than them some could other new only time two over after first these any then no ' +
  'him may most our should such made those many do like well where between before very through year under ' +
  'each much both just how even because while being during against without might since three last still ' +
  'own here same another around those again often however never among within until though upon already ' +
  'does did per whether across toward nor less few every several either further rather once next thus ' +
  'yet although almost against later early former latter both whose whom whom ever now down off above ' +
  'below near far back away along beside despite except beyond behind second four five six ten hundred ' +
  'thousand million part case week day month state number point fact way work say says said told ' +
  'according must shall you your us my me he i'
)
  .split(' ')
  .filter((w, i, all) => w !== 'i' && all.indexOf(w) === i);

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'y',
  'z',
  'br',
  'ch',
  'cl',
  'dr',
  'fr',
  'gr',
  'kr',
  'pl',
  'pr',
  'qu',
  'sh',
  'st',
  'th',
  'tr',
  'sl',
  'sp',
];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ou', 'io', 'ue'];
// Open syllables are the most common; the empty coda is listed several times to weigh it.
const CODAS = ['', '', '', '', '', 'n', 'r', 's', 'l', 'm', 't', 'nd', 'st', 'rk', 'x'];

/** Hands out pronounceable pseudo-words, each at most once, never one of the reserved words. */
export class WordFactory {
  private readonly used = new Set<string>();

  constructor(
    private readonly random: Random,
    reserved: Iterable<string> = FUNCTION_WORDS,
  ) {
    for (const w of reserved) this.used.add(w);
  }

  /** A lower-case pseudo-word of `minSyllables`..`maxSyllables` syllables never handed out before. */
  fresh(minSyllables = 2, maxSyllables = 3): string {
    for (;;) {
      const count = this.random.int(minSyllables, maxSyllables);
      let word = '';
      for (let s = 0; s < count; s++) {
        // A vowel-initial first syllable now and then keeps the words from all sounding alike.
        const onset = s === 0 && this.random.chance(0.12) ? '' : this.random.pick(ONSETS);
        word += onset + this.random.pick(NUCLEI) + (s === count - 1 || this.random.chance(0.3) ? this.random.pick(CODAS) : '');
      }
      if (word.length < 3 || this.used.has(word)) continue;
      this.used.add(word);
      return word;
    }
  }

  /** Claims a word made elsewhere (an acronym); false when it is already taken. */
  claim(word: string): boolean {
    if (this.used.has(word)) return false;
    this.used.add(word);
    return true;
  }
}

/** The filler vocabulary in Zipf rank order, with capitalised forms for sentence starts. */
export interface Vocabulary {
  words: readonly string[];
  capitalised: readonly string[];
}

/** Function words, then `pseudoWords` pseudo-words ranked shortest first (stable, so deterministic). */
export function buildVocabulary(factory: WordFactory, pseudoWords: number): Vocabulary {
  const pseudo: string[] = [];
  for (let i = 0; i < pseudoWords; i++) pseudo.push(factory.fresh(1 + (i % 3 === 0 ? 0 : 1), 3));
  // Array.prototype.sort is stable: ties keep generation order.
  pseudo.sort((a, b) => a.length - b.length);
  const words = [...FUNCTION_WORDS, ...pseudo];
  return { words, capitalised: words.map(capitalise) };
}

/** "word" -> "Word". */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
