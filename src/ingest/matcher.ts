/**
 * Fast phrase matching for extraction: the text is scanned once, token by token, against a trie
 * of folded phrase tokens, so the cost grows with the length of the text and not with the number
 * of phrases (the gazetteer is expected to reach tens of thousands of entries).
 *
 * Tokens are runs of letters, digits and combining marks (Unicode-aware). Everything else — spaces,
 * hyphens, punctuation, apostrophes — separates tokens, so "Inter-American" and "Inter American"
 * are the same phrase, as are "O’Higgins" and "O'Higgins". Each token is folded (see fold.ts) and keeps its start/end offsets in the
 * ORIGINAL string, in UTF-16 code units, so matches point at the text as the reader saw it.
 *
 * Possessives ("Bartra’s", "Southern's", "Fujimoris'") are not part of the token: a phrase may end
 * before the possessive, and the match then excludes it. A phrase cannot run on across a
 * possessive ("Peru’s Congress" is not the phrase "Peru Congress") unless the phrase itself is
 * written with one ("People's Party").
 */
import { fold } from './fold';

/** One word of a text: its folded form and where it sits in the original string. */
export interface Token {
  /** The folded token, e.g. "maria" for "María". */
  key: string;
  /** Offset of the first code unit in the original string. */
  start: number;
  /** Offset just past the token, before any possessive. */
  end: number;
  /** The folded possessive suffix that followed the token ("'s" or "'"), or null. */
  possessive: string | null;
  /** Offset just past the possessive suffix (equals `end` when there is none). */
  possessiveEnd: number;
}

/**
 * A match of one phrase: offsets into the original text and every payload added for the phrase.
 * `payload` is the matcher's own list, shared between matches: read it, do not mutate it.
 */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  payload: T[];
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// U+02BC (modifier letter apostrophe) is a letter, used e.g. in Quechua spellings, so it stays in the word.
const APOSTROPHES = new Set(["'", '\u2019']);

// Tokenising is the hot loop of extraction, so ASCII is classified by table and other code
// points by the Unicode regex once each, then remembered.
const ASCII_WORD = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));
const nonAsciiWord = new Map<number, boolean>();

/** Length in code units of the word character at `index` (1, or 2 for an astral one), or 0. */
function wordCharLength(text: string, index: number): number {
  if (index >= text.length) return 0;
  const c = text.charCodeAt(index);
  if (c < 128) return ASCII_WORD[c];
  const cp = text.codePointAt(index)!;
  let isWord = nonAsciiWord.get(cp);
  if (isWord === undefined) {
    isWord = WORD_CHAR.test(String.fromCodePoint(cp));
    if (nonAsciiWord.size < 65536) nonAsciiWord.set(cp, isWord);
  }
  return isWord ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Splits text into folded word tokens with their offsets in the original string. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordCharLength(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    do {
      if (w === 2 || text.charCodeAt(i) >= 128) ascii = false;
      i += w;
      w = i < n ? wordCharLength(text, i) : 0;
    } while (w > 0);
    const end = i;
    const raw = text.slice(start, end);
    // Folding plain ASCII is just lower-casing; skipping NFD keeps the common case cheap.
    const key = ascii ? raw.toLowerCase() : fold(raw);
    if (key === '') continue; // only combining marks, e.g. a stray accent
    let possessive: string | null = null;
    let possessiveEnd = end;
    if (APOSTROPHES.has(text.charAt(end))) {
      const next = text.charAt(end + 1);
      if ((next === 's' || next === 'S') && wordCharLength(text, end + 2) === 0) {
        possessive = "'s";
        possessiveEnd = end + 2;
        i = possessiveEnd; // the "s" of "’s" is not a word of its own
      } else if (key.endsWith('s') && wordCharLength(text, end + 1) === 0) {
        possessive = "'";
        possessiveEnd = end + 1;
      }
    }
    tokens.push({ key, start, end, possessive, possessiveEnd });
  }
  return tokens;
}

/**
 * The normalised form of a phrase: its folded tokens joined by single spaces, with possessives
 * kept ("Tía  María" and "tia-maria" both give "tia maria"). Two phrases with the same key match
 * exactly the same text, which is what the catalogue uses to detect ambiguous surface forms.
 */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.key + (t.possessive ?? ''))
    .join(' ');
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  payload: T[] | null;
}

function newNode<T>(): TrieNode<T> {
  return { children: new Map(), payload: null };
}

/**
 * Matches many phrases in one left-to-right pass. At each token the LONGEST phrase starting there
 * wins, is emitted, and scanning resumes after it (leftmost-longest, non-overlapping). Phrases
 * only ever start and end on token boundaries, so "mine" never matches inside "mines".
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = newNode();
  private phraseCount = 0;

  /** Number of distinct phrases added. */
  get size(): number {
    return this.phraseCount;
  }

  /** Adds a phrase; adding the same phrase (after folding) again appends to its payload list. */
  add(phrase: string, payload: T): void {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) throw new Error(`phrase ${JSON.stringify(phrase)} has no words`);
    let node = this.root;
    for (const t of tokens) {
      const key = t.key + (t.possessive ?? '');
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
      }
      node = child;
    }
    if (node.payload === null) {
      node.payload = [];
      this.phraseCount++;
    }
    node.payload.push(payload);
  }

  /** Finds the leftmost-longest, non-overlapping phrase matches in `text`. */
  match(text: string): PhraseMatch<T>[] {
    return this.matchTokens(tokenize(text));
  }

  /** Like `match`, for text already tokenised, so that several matchers can share one tokenising pass. */
  matchTokens(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode<T> | undefined = this.root;
      let best: { last: number; end: number; payload: T[] } | null = null;
      for (let j = i; j < tokens.length && node; j++) {
        const tok = tokens[j];
        if (tok.possessive === null) {
          node = node.children.get(tok.key);
          if (node?.payload) best = { last: j, end: tok.end, payload: node.payload };
          continue;
        }
        // A phrase may end on the bare word before a possessive, but only continue past the
        // possessive if the phrase itself was written with it.
        const bare = node.children.get(tok.key);
        if (bare?.payload) best = { last: j, end: tok.end, payload: bare.payload };
        node = node.children.get(tok.key + tok.possessive);
        if (node?.payload) best = { last: j, end: tok.possessiveEnd, payload: node.payload };
      }
      if (best) {
        out.push({ start: tokens[i].start, end: best.end, payload: best.payload });
        i = best.last + 1;
      } else {
        i++;
      }
    }
    return out;
  }
}
