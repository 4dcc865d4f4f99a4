import { PhraseMatcher, phraseKey, tokenize } from './matcher';

/** Matches `text` and returns each match as [matched original text, payloads]. */
function run<T>(matcher: PhraseMatcher<T>, text: string): [string, T[]][] {
  return matcher.match(text).map((m) => [text.slice(m.start, m.end), m.payload]);
}

function matcherOf(...phrases: string[]): PhraseMatcher<string> {
  const m = new PhraseMatcher<string>();
  for (const p of phrases) m.add(p, p);
  return m;
}

describe('tokenize', () => {
  it('folds tokens and keeps offsets into the original string', () => {
    const text = 'Tía  María, Perú';
    expect(tokenize(text).map((t) => [t.key, t.start, t.end])).toEqual([
      ['tia', 0, 3],
      ['maria', 5, 10],
      ['peru', 12, 16],
    ]);
  });

  it('keeps decomposed accents (combining marks) inside the token', () => {
    const text = 'Ti\u0301a Mari\u0301a';
    expect(tokenize(text).map((t) => [t.key, t.start, t.end])).toEqual([
      ['tia', 0, 4],
      ['maria', 5, 11],
    ]);
  });

  it('splits on hyphens and drops the possessive s', () => {
    expect(tokenize('Inter-American Court’s ruling').map((t) => t.key)).toEqual(['inter', 'american', 'court', 'ruling']);
  });
});

describe('phraseKey', () => {
  it('normalises case, accents, spacing and hyphens', () => {
    expect(phraseKey('  Tía-MARÍA ')).toBe('tia maria');
    expect(phraseKey('Inter American  Court')).toBe(phraseKey('Inter-American Court'));
    expect(phraseKey('People’s Party')).toBe("people's party");
    expect(phraseKey('...')).toBe('');
  });
});

describe('PhraseMatcher', () => {
  it('takes the longest match first and continues after it', () => {
    const m = matcherOf('Southern', 'Southern Peru', 'Southern Peru Copper', 'Peru', 'Copper');
    expect(run(m, 'Southern Peru Copper, in Southern Peru, near Peru; Southern.')).toEqual([
      ['Southern Peru Copper', ['Southern Peru Copper']],
      ['Southern Peru', ['Southern Peru']],
      ['Peru', ['Peru']],
      ['Southern', ['Southern']],
    ]);
  });

  it('falls back to a shorter phrase when a longer one does not complete', () => {
    const m = matcherOf('Inter-American Court on Human Rights', 'Inter-American Court');
    expect(run(m, 'the Inter-American Court on Human Matters')).toEqual([['Inter-American Court', ['Inter-American Court']]]);
  });

  it('is case and diacritic insensitive, with offsets into the original accented text', () => {
    const m = matcherOf('tia maria');
    const text = 'the giant TÍA María copper project';
    expect(m.match(text)).toEqual([{ start: 10, end: 19, payload: ['tia maria'] }]);
    expect(text.slice(10, 19)).toBe('TÍA María');
    expect(run(matcherOf('Tía María'), 'go ahead on Tia Maria')).toEqual([['Tia Maria', ['Tía María']]]);
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = '😀 Ti\u0301a Mari\u0301a';
    expect(matcherOf('Tia Maria').match(text)).toEqual([{ start: 3, end: 14, payload: ['Tia Maria'] }]);
  });

  it('matches before a possessive with straight or curly apostrophes, excluding the ’s', () => {
    const m = matcherOf('Bartra', 'Rosa Bartra', 'Southern', 'Peru', 'Fujimoris');
    expect(run(m, 'Rosa Bartra’s draft')).toEqual([['Rosa Bartra', ['Rosa Bartra']]]);
    expect(run(m, "push on Southern's plan")).toEqual([['Southern', ['Southern']]]);
    expect(run(m, "Peru’s GDP and Peru's growth")).toEqual([
      ['Peru', ['Peru']],
      ['Peru', ['Peru']],
    ]);
    // U+02BC is a letter (Quechua spellings use it), not an apostrophe.
    expect(run(m, 'Peru\u02BCs')).toEqual([]);
    expect(run(m, 'the Fujimoris’ party')).toEqual([['Fujimoris', ['Fujimoris']]]);
    expect(m.match('Bartra’s')).toEqual([{ start: 0, end: 6, payload: ['Bartra'] }]);
  });

  it('does not run a phrase on across a possessive unless the phrase has one', () => {
    const m = matcherOf('Peru Congress', 'Peru', "People's Party");
    expect(run(m, 'Peru’s Congress')).toEqual([['Peru', ['Peru']]]);
    expect(run(m, 'the People’s Party')).toEqual([['People’s Party', ["People's Party"]]]);
  });

  it('treats any other apostrophe as a separator', () => {
    expect(run(matcherOf("O'Higgins"), 'Bernardo O’Higgins')).toEqual([['O’Higgins', ["O'Higgins"]]]);
    // "’s" followed by more letters is not a possessive, so the phrase runs on across it.
    expect(run(matcherOf('Peru sian'), "Peru'sian")).toEqual([["Peru'sian", ['Peru sian']]]);
    expect(tokenize('a \u0301 b').map((t) => t.key)).toEqual(['a', 'b']);
  });

  it('respects word boundaries', () => {
    const m = matcherOf('Fujimori', 'mine');
    expect(run(m, 'Fujimorista legislators and Fujimoristas')).toEqual([]);
    expect(run(m, 'two large mines, a mineral, a minefield')).toEqual([]);
    expect(run(m, 'the Michiquillay mine.')).toEqual([['mine', ['mine']]]);
    expect(run(m, 'Fujimori.')).toEqual([['Fujimori', ['Fujimori']]]);
  });

  it('treats a hyphen as a space', () => {
    const m = matcherOf('Inter American Court', 'go-ahead');
    expect(run(m, 'The Inter-American Court')).toEqual([['Inter-American Court', ['Inter American Court']]]);
    expect(run(m, 'permission to go ahead this year')).toEqual([['go ahead', ['go-ahead']]]);
  });

  it('lets an ignore phrase consume text so that the shorter phrase inside it is not matched', () => {
    const m = new PhraseMatcher<string | null>();
    m.add('Southern', 'southern-copper');
    m.add('Southern Peru Copper', 'southern-copper');
    m.add('Southern Peru', null);
    const found = m.match('Southern Peru Copper has mines in Southern Peru.').map((x) => x.payload);
    expect(found).toEqual([['southern-copper'], [null]]);
  });

  it('collects every payload added for the same folded phrase', () => {
    const m = new PhraseMatcher<string>();
    m.add('Congress', 'organisation');
    m.add('congress', 'topic');
    expect(m.size).toBe(1);
    expect(m.match('members of Congress')).toEqual([{ start: 11, end: 19, payload: ['organisation', 'topic'] }]);
  });

  it('rejects a phrase without words', () => {
    expect(() => new PhraseMatcher<string>().add(' - ', 'x')).toThrow(/no words/);
  });
});
