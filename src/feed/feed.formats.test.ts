import { XMLValidator } from 'fast-xml-parser';
import { renderFeed } from './feed.formats';

describe('XML feeds', () => {
  const article = {
    id: 'QXJ0aWNsZTox',
    slug: 'a',
    title: 'Form\u000Cfeed and escape\u001B in a title',
    summary: 'A summary with a bell\u0007.',
    body: null,
    publishedAt: '2018-02-24',
    url: 'https://news.example.org/articles/a',
    topics: [{ slug: 'mining', name: 'Mining' }],
    source: { name: 'Peru Support Group', url: 'https://perusupportgroup.org.uk' },
  };
  const content = { title: 'Mining', description: 'Mining news', explore: { topic: 'mining' }, articles: [article] };
  const meta = { selfUrl: 'https://news.example.org/feeds/mining.rss', homeUrl: 'https://news.example.org/explore?topic=mining', id: 'urn:quipu:feed:channel:mining' };

  it.each(['rss', 'atom'] as const)('%s stays well-formed when an article holds control characters XML cannot carry', (format) => {
    const xml = renderFeed(format, content, meta);
    // XML 1.0's Char production: no C0 control character but tab, newline and carriage return.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).toContain('Formfeed and escape in a title');
    // The validator, not the parser: the parser also accepts what is not well-formed (<a><b></a>).
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(XMLValidator.validate('<a><b></a>')).not.toBe(true);
  });

  it('JSON Feed keeps the text as published (JSON escapes it)', () => {
    expect(JSON.parse(renderFeed('json', content, meta)).items[0].title).toBe(article.title);
  });
});
