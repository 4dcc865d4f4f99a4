import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleKind } from '../article/article-kind';
import { decodeNewsFile, parseNewsFile, parseNewsText } from './parse';

const SEED = '000_90b8483afbba3601.txt';
const seedBytes = () => new Uint8Array(readFileSync(join(__dirname, '..', '..', 'seeds', SEED)));

/** Joins lines with "\n" so every space and blank line of a fixture is visible. */
const lines = (...rows: string[]) => rows.join('\n');
const parse = (text: string) => parseNewsText(text, 'fixture.txt');
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((part) => [...part]));

/** The error expected at `line` of the fixture, with a message matching `message`. */
const errorAt = (line: number, message: RegExp, file = 'fixture.txt') => ({ file, line, message: expect.stringMatching(message) });

/** A well-formed news item: bullet, blank, date, blank, summary. */
const news = (title: string, date: string, summary: string) => lines(`  • ${title}`, '', `    ${date}`, '', `    ${summary}`);

describe('parseNewsFile on the Peru Support Group seed file', () => {
  const result = parseNewsFile(seedBytes(), SEED);
  const byTitle = (title: string) => result.items.find((item) => item.title === title)!;

  it('finds 14 items, 10 dated news items followed by 4 pages, and no errors', () => {
    expect(result.errors).toEqual([]);
    const kinds = result.items.map((item) => item.kind);
    expect(kinds).toEqual([...Array(10).fill(ArticleKind.NEWS), ...Array(4).fill(ArticleKind.PAGE)]);
  });

  it.each([
    [0, 'Disappointing response on heavy metals contamination', '2018-03-11'],
    [1, "Interpreting Fraser Institute's report on Peru's attractiveness to investors", '2018-03-02'],
    [2, "Students reject 'discriminatory' law", '2018-03-02'],
    [6, "Growing protest looms over Southern's push on Tia Maria", '2018-02-17'],
    [9, 'Inter American Court ruling questioned', '2018-02-11'],
  ])('reads news item %i as published: %s on %s', (index, title, date) => {
    expect(result.items[index]).toMatchObject({ title, publishedAt: date });
  });

  it('makes news slugs from the date and the title, dropping apostrophes and quotes', () => {
    expect(result.items.map((item) => item.slug).filter((_, index) => [0, 1, 2, 6, 9].includes(index))).toEqual([
      '2018-03-11-disappointing-response-on-heavy-metals-contamination',
      '2018-03-02-interpreting-fraser-institutes-report-on-perus-attractiveness-to-investors',
      '2018-03-02-students-reject-discriminatory-law',
      '2018-02-17-growing-protest-looms-over-southerns-push-on-tia-maria',
      '2018-02-11-inter-american-court-ruling-questioned',
    ]);
  });

  it('reads the undated pages with slugs made from their titles alone', () => {
    const pages = result.items.slice(10).map(({ title, publishedAt, slug }) => [title, publishedAt, slug]);
    expect(pages).toEqual([
      ['PSG Aims', null, 'psg-aims'],
      ['Historical Overview', null, 'historical-overview'],
      ['Human Rights', null, 'human-rights'],
      ['Why join the PSG?', null, 'why-join-the-psg'],
    ]);
  });

  it('gives each item the line of its bullet and the file name as given', () => {
    expect(result.items.map((item) => item.line)).toEqual([1, 7, 13, 19, 25, 31, 37, 43, 49, 55, 61, 65, 69, 73]);
    expect(result.items.every((item) => item.file === SEED)).toBe(true);
  });

  it('keeps curly quotes, curly apostrophes, accents and typos in the text exactly as published', () => {
    const { summary } = byTitle("Students reject 'discriminatory' law");
    expect(summary).toMatch(/^Dubbed ‘the law for youth slavery’, Fujimorista legislator Rosa Bartra’s draft/);
    expect(byTitle('Fujimori to stand trial anew?').summary).toContain('Pativilca, nothwithstanding the pardon');
    expect(result.items[6].summary).toContain('giant Tía María copper');
  });

  it('keeps a non-breaking space inside a paragraph but trims the one at its end', () => {
    const { summary } = byTitle('Historical Overview');
    expect(summary).toContain('problems are\u00a0a legacy');
    expect(summary.endsWith('somewhat turbulent past.')).toBe(true);
  });

  it('keeps nested bullets as summary lines and the trailing line without a newline as the body', () => {
    const why = byTitle('Why join the PSG?');
    expect(why.summary).toBe(
      lines(
        '• Keep up to date with latest news and developments in Peru',
        '• Learn about key issues of poverty, development and human rights in Peru',
        '• Support the work of the Peru Support Group',
      ),
    );
    expect(why.body).toBe('Become a member');
  });

  it('gives one-paragraph items the whole paragraph as summary and no body', () => {
    expect(result.items[0].summary).toMatch(/^In November last year, .* forum of all the groups represented\.$/);
    expect(result.items.slice(0, 13).every((item) => item.body === null)).toBe(true);
  });
});

describe('parseNewsText layout', () => {
  const twoItems = lines('• First', '', '    1 March 2018', '', '    One.', '', '  • Second', '', '    Two.');

  it('accepts an unindented first bullet and indented later ones, with no final newline', () => {
    const { items, errors } = parse(twoItems);
    expect(errors).toEqual([]);
    expect(items.map((item) => [item.title, item.kind, item.summary, item.line])).toEqual([
      ['First', ArticleKind.NEWS, 'One.', 1],
      ['Second', ArticleKind.PAGE, 'Two.', 7],
    ]);
  });

  it('reads CRLF and CR line endings, a final newline and a leading BOM as if they were absent', () => {
    const expected = parse(twoItems);
    expect(parse(twoItems.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parse(twoItems.replace(/\n/g, '\r'))).toEqual(expected);
    expect(parse(`\uFEFF${twoItems}\r\n`)).toEqual(expected);
  });

  it('trims trailing spaces, tabs and non-breaking spaces from titles and content lines', () => {
    const { items } = parse(lines('• Title \u00a0\t', '', '    5 May 2018  ', '', '    Text.\u00a0 ', '    More\t'));
    expect(items[0]).toMatchObject({ title: 'Title', publishedAt: '2018-05-05', summary: 'Text.\nMore' });
  });

  it('joins the paragraphs after the first into the body, separated by a blank line', () => {
    const { items } = parse(lines('• Page', '    First.', '', '    2 a', '    2 b', ' \u00a0', '', '    3.'));
    expect(items[0]).toMatchObject({ summary: 'First.', body: '2 a\n2 b\n\n3.' });
  });

  it('treats text at any indentation of 4 or more as content and a bullet there as a nested bullet', () => {
    const { items, errors } = parse(lines('• Page', '', '        • deep', '\t• tab', '      plain'));
    expect(errors).toEqual([]);
    expect(items.map((item) => item.summary)).toEqual(['• deep\n• tab\nplain']);
  });

  it('reads a date line only directly after the title; elsewhere it is just text', () => {
    const { items, errors } = parse(lines('• Page', '', '    Intro.', '', '    31 February 2018'));
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({ kind: ArticleKind.PAGE, publishedAt: null, body: '31 February 2018' });
  });

  it('treats text directly under the date line (no blank line) as the summary', () => {
    const { items } = parse(lines('• News', '    2 March 2018', '    Summary.'));
    expect(items[0]).toMatchObject({ publishedAt: '2018-03-02', summary: 'Summary.', body: null });
  });

  it('accepts 1- or 2-digit days, 3-letter months, any letter case, and 29 February in leap years', () => {
    const dates = ['1 feb 2018', '09 SEPTEMBER 2018', '30 Sep 2018', '31 dec 1999', '29 February 2020', '29 Feb 2000'];
    const parsed = dates.map((date) => parse(news('T', date, 'S.')).items[0]?.publishedAt);
    expect(parsed).toEqual(['2018-02-01', '2018-09-09', '2018-09-30', '1999-12-31', '2020-02-29', '2000-02-29']);
  });

  it('gives news items with the same title but different dates different slugs', () => {
    const { items, errors } = parse(lines(news('Same', '1 March 2018', 'A.'), news('Same', '2 March 2018', 'B.')));
    expect(errors).toEqual([]);
    expect(items.map((item) => item.slug)).toEqual(['2018-03-01-same', '2018-03-02-same']);
  });
});

describe('parseNewsText errors', () => {
  it.each([
    ['an empty file', ''],
    ['a whitespace-only file', '  \n\t\n\u00a0 \r\n\n'],
  ])('reports %s as empty, at line 1', (_, text) => {
    expect(parse(text)).toEqual({ items: [], errors: [errorAt(1, /file is empty/)] });
  });

  it('reports text before the first bullet once, at its line, and still parses the items after it', () => {
    const { items, errors } = parse(lines('', 'Latest news', 'more preamble', '• Page', '    Text.'));
    expect(errors).toEqual([errorAt(2, /expected an item starting with •.*"Latest news"/)]);
    expect(items.map((item) => item.title)).toEqual(['Page']);
  });

  it('reports a bullet without a title at its line', () => {
    const { items, errors } = parse(lines('• Good', '    Text.', '  •', '    Lost.', '  • \u00a0 ', '    Lost.'));
    expect(errors).toEqual([errorAt(3, /no title/), errorAt(5, /no title/)]);
    expect(items.map((item) => item.title)).toEqual(['Good']);
  });

  it('reports an item without content at its bullet line, also when it has only a date', () => {
    const text = lines('• Empty', '', '  • Dated', '', '    3 March 2018', '', '  • Fine', '    1');
    const { items, errors } = parse(text);
    expect(errors).toEqual([errorAt(1, /"Empty" has no content.*summary paragraph.*after the title/), errorAt(3, /"Dated" has no content.*after the date/)]);
    expect(items.map((item) => item.title)).toEqual(['Fine']);
  });

  it.each([
    ['31 February 2018', /^"31 February 2018" is not a real date: February 2018 has 28 days/],
    ['29 February 2019', /^"29 February 2019" is not a real date: February 2019 has 28 days/],
    ['29 February 1900', /^"29 February 1900" is not a real date: February 1900 has 28 days/],
    ['0 March 2018', /^"0 March 2018" is not a real date.*day must be 1 to 31/],
    ['11 Marzo 2018', /^"11 Marzo 2018" is not a date: unknown month "Marzo".*English month name/],
  ])('reports the bad date "%s" at its line, saying why, and skips only that item', (date, message) => {
    const { items, errors } = parse(lines(news('Bad', date, 'S.'), news('Good', '1 March 2018', 'S.')));
    expect(errors).toEqual([errorAt(3, message)]);
    expect(items.map((item) => item.title)).toEqual(['Good']);
  });

  it('reports a duplicate slug on the second item, naming the line of the first, and keeps the first', () => {
    const text = lines('• Human Rights', '    1.', '  • Other', '    2.', '  • Human rights!', '    3');
    const { items, errors } = parse(text);
    expect(items.map((item) => item.line)).toEqual([1, 3]);
    expect(errors).toEqual([errorAt(5, /duplicate slug "human-rights".*line 1/)]);
  });

  it('reports unindented text inside an item instead of guessing where it belongs', () => {
    const { items, errors } = parse(lines('• Page', '    Text.', 'stray line'));
    expect(errors).toEqual([errorAt(3, /indented by at least 4.*found text indented by 0: "stray line"/)]);
    expect(items[0].summary).toBe('Text.');
  });

  it('lists errors in line order', () => {
    const { errors } = parse(lines('• T', '    31 June 2018', '    S.', 'stray', 'stray'));
    expect(errors.map((error) => error.line)).toEqual([2, 4, 5]);
  });

  it('reports a title with no letters or digits, since it cannot make a slug', () => {
    expect(parse(lines('• ¿?', '    Text.')).errors).toEqual([errorAt(1, /no letters or digits/)]);
  });
});

describe('decodeNewsFile and parseNewsFile on bytes', () => {
  const fileOf = (bytes: Uint8Array) => parseNewsFile(bytes, 'bytes.txt');
  const BOM = [0xef, 0xbb, 0xbf];

  it('decodes UTF-8 and drops a UTF-8 BOM', () => {
    expect(decodeNewsFile(concat(BOM, utf8('• Tía')), 'bom.txt')).toEqual({ text: '• Tía' });
    expect(fileOf(concat(BOM, utf8('• Page\n    Text.'))).items[0]).toMatchObject({ title: 'Page', line: 1 });
  });

  it('reports invalid UTF-8 at the line of the first bad byte, naming its byte offset', () => {
    const before = utf8('• Page\n\n    caf'); // 17 bytes ("•" is 3), two newlines: the bad byte is on line 3
    const bytes = concat(before, [0xe9], utf8(' con leche\n'), [0xff]); // Latin-1 "é", then another bad byte
    const { error } = decodeNewsFile(bytes, 'bytes.txt');
    expect(error).toEqual(errorAt(3, /byte offset 17 \(byte 0xE9\).*must be UTF-8/, 'bytes.txt'));
    expect(fileOf(bytes)).toEqual({ items: [], errors: [error] });
  });

  it('reports ill-formed sequences that a lenient decoder would accept or split', () => {
    const messageFor = (bad: number[]) => decodeNewsFile(concat(utf8('ok\nok'), bad), 'x').error?.message;
    expect(messageFor([0xc0, 0xaf])).toMatch(/byte offset 5 \(byte 0xC0\)/); // overlong "/"
    expect(messageFor([0xed, 0xa0, 0x80])).toMatch(/byte offset 5 \(byte 0xED\)/); // UTF-16 surrogate
    expect(messageFor([0xe2, 0x80])).toMatch(/byte offset 5 \(byte 0xE2\)/); // truncated at end of file
    expect(messageFor([0xe2, 0x82, 0xac, 0x80])).toMatch(/byte offset 8 \(byte 0x80\)/); // "€", stray continuation
  });

  it('rejects a UTF-16 byte order mark at line 1, asking for UTF-8', () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const { error } = decodeNewsFile(concat(bom, [0x22, 0x20, 0x0a, 0x00]), 'bytes.txt');
      expect(error).toEqual(errorAt(1, /UTF-16 is not supported.*UTF-8/, 'bytes.txt'));
    }
  });

  it('rejects a NUL byte as a binary file at its line', () => {
    const { error } = decodeNewsFile(concat(utf8('• Page\n    Te'), [0x00], utf8('xt.')), 'bytes.txt');
    expect(error).toEqual(errorAt(2, /NUL byte.*binary/, 'bytes.txt'));
  });

  it('reports an empty or BOM-only file as empty', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array(BOM)]) {
      expect(fileOf(bytes)).toEqual({ items: [], errors: [errorAt(1, /file is empty/, 'bytes.txt')] });
    }
  });

  it('never throws, whatever the bytes', () => {
    let seed = 42;
    // MINSTD: stays exact in a double
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const alphabet = [...utf8('•  \n\r\t\u00a0a1 March 2018'), 0xff, 0x00, 0xe2];
    const pick = () => alphabet[Math.floor(random() * alphabet.length)];
    for (let run = 0; run < 300; run++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 60) }, pick);
      expect(() => fileOf(bytes)).not.toThrow();
    }
  });
});
