/**
 * Folds text for matching and name search: Unicode NFD with combining marks removed, lower case,
 * and curly apostrophes and quotes made straight. "Tía María’s" folds to "tia maria's".
 * Folding never merges or splits characters across a code point boundary that matters for matching,
 * but it can change length (NFD), so callers that need offsets fold per character (see matcher).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .toLowerCase();
}
