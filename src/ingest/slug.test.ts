import { MAX_SLUG_LENGTH, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases, removes diacritics, drops apostrophes and turns quotes and spaces into hyphens', () => {
    expect(slugify('Tía María’s “copper”')).toBe('tia-marias-copper');
  });

  it('drops straight, curly and modifier-letter apostrophes without leaving a separator', () => {
    expect(slugify('Southern’s push')).toBe('southerns-push');
    expect(slugify("Southern's push")).toBe('southerns-push');
    expect(slugify('Southernʼs push')).toBe('southerns-push');
    expect(slugify('Students reject ‘discriminatory’ law')).toBe('students-reject-discriminatory-law');
  });

  it('collapses every other run of non-alphanumeric characters into one hyphen', () => {
    expect(slugify('Economic  growth -- slows (2.5%)')).toBe('economic-growth-slows-2-5');
    expect(slugify('Fujimori to stand trial anew?')).toBe('fujimori-to-stand-trial-anew');
    expect(slugify('are\u00a0a legacy')).toBe('are-a-legacy');
  });

  it('trims hyphens from both ends', () => {
    expect(slugify('  ¿Qué pasó? ')).toBe('que-paso');
    expect(slugify('“Quoted”')).toBe('quoted');
  });

  it('keeps digits and removes accents from capitals too', () => {
    expect(slugify('MAAP maps deforestation in 2017')).toBe('maap-maps-deforestation-in-2017');
    expect(slugify('ÁNCASH Ñuñoa')).toBe('ancash-nunoa');
  });

  it('returns an empty string when there are no letters or digits', () => {
    expect(slugify('')).toBe('');
    expect(slugify(' — … ')).toBe('');
  });

  it('cuts slugs longer than 80 characters at a hyphen so no word is split', () => {
    const title = 'word '.repeat(30); // "word-word-…": each word ends at a multiple of 5
    const slug = slugify(title);
    expect(MAX_SLUG_LENGTH).toBe(80);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe(Array(16).fill('word').join('-')); // 16 words = 79 characters
    expect(slug.endsWith('-')).toBe(false);
  });

  it('keeps exactly 80 characters when the 81st is a hyphen', () => {
    const eighty = `${'a'.repeat(39)}-${'b'.repeat(40)}`;
    expect(slugify(`${eighty} more`)).toBe(eighty);
  });

  it('cuts a single word longer than 80 characters at 80', () => {
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
  });

  it('leaves slugs of 80 characters or fewer untouched', () => {
    const long = 'Interpreting Fraser Institute’s report on Peru’s attractiveness to investors';
    expect(slugify(long)).toBe('interpreting-fraser-institutes-report-on-perus-attractiveness-to-investors');
  });
});
