/**
 * One seed, one corpus: the vocabulary, the catalogue and the article stream, each from its own
 * random stream of the seed. The catalogue does not depend on the number of articles, so the 1k,
 * 100k and 1M corpora of one seed share their topics and entities (same slugs, same ids).
 */
import type { Catalogue } from '../ingest/catalogue';
import type { SourceDef } from '../ingest/upsert';
import { ArticleGenerator } from './articles';
import { type CatalogueSizes, FULL_CATALOGUE, GENERIC_NAME_WORDS, generateCatalogue } from './catalogue';
import { createRandom } from './random';
import { buildVocabulary, FUNCTION_WORDS, type Vocabulary, WordFactory } from './words';

/** Pseudo-words in the filler vocabulary (the function words come on top). */
export const VOCABULARY_PSEUDO_WORDS = 50_000;

/** The publisher every synthetic article names as its source. */
export const SYNTHETIC_SOURCE: SourceDef = { name: 'Quipu Synthetic Wire', url: 'https://synthetic.quipu.invalid/' };

/** created_at / updated_at of every synthetic row: fixed, so the same seed gives the same rows. */
export const SYNTHETIC_NOW = '2026-01-01T00:00:00.000Z';

/** A corpus ready to stream. */
export interface Corpus {
  vocabulary: Vocabulary;
  catalogue: Catalogue;
  articles: ArticleGenerator;
}

/** The corpus of `seed` with `articles` items (full-size catalogue unless `sizes` says otherwise). */
export function createCorpus(seed: number, articles: number, sizes: CatalogueSizes = FULL_CATALOGUE): Corpus {
  // One word factory for everything, so filler words, keywords and names never share a word.
  // Generic name words ("Post", "Trust") are reserved too: as filler they would extend a name ("Kalo" + "post").
  const words = new WordFactory(createRandom(seed, 'words'), [...FUNCTION_WORDS, ...GENERIC_NAME_WORDS]);
  const vocabulary = buildVocabulary(words, VOCABULARY_PSEUDO_WORDS);
  const catalogue = generateCatalogue(createRandom(seed, 'catalogue'), words, sizes);
  return { vocabulary, catalogue, articles: new ArticleGenerator(createRandom(seed, 'articles'), articles, catalogue, vocabulary) };
}
