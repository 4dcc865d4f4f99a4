/** Longest slug we produce; long titles are cut at a word boundary so URLs stay readable. */
export const MAX_SLUG_LENGTH = 80;

/**
 * Apostrophes (straight, curly and the modifier letter) are dropped without a separator so that
 * "Southern’s" becomes "southerns", not "southern-s". U+2018 is included because scraped text often
 * uses it where an apostrophe was meant.
 */
const APOSTROPHES = /['\u2018\u2019\u02BC]/g;

/**
 * Turns text into a URL slug: lower case, diacritics removed, apostrophes removed, every other run
 * of characters outside `[a-z0-9]` replaced by one `-`, no leading or trailing `-`, and at most
 * 80 characters (cut at a `-` so no word is split). `slugify('Tía María’s “copper”')` is
 * `'tia-marias-copper'`. Returns `''` when the text has no letters or digits.
 */
export function slugify(text: string): string {
  const slug = text
    // Lower case first: some upper-case letters (e.g. "İ") lower to a letter plus a combining mark.
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(APOSTROPHES, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return truncateAtHyphen(slug, MAX_SLUG_LENGTH);
}

/** Cuts a slug to `max` characters at the last `-` that keeps whole words; a single overlong word is cut hard. */
function truncateAtHyphen(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  // If the character just past the limit is a hyphen, the first `max` characters are whole words.
  if (slug[max] === '-') return slug.slice(0, max);
  const cut = slug.lastIndexOf('-', max - 1);
  return cut > 0 ? slug.slice(0, cut) : slug.slice(0, max);
}
