import { FeedError, MAX_ITEM_CHARACTERS, readFeed } from './feed';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const read = (text: string) => readFeed(Buffer.from(text), 'test-feed', NOW);

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Mining news</title><link>https://news.example/</link><description>d</description>${items}</channel></rss>`;

describe('reading a feed', () => {
  it('reads RSS 2.0 items, HTML made plain text with its paragraphs, the first one the summary', () => {
    const feed = read(
      rss(`<item><title>Mining &amp; water</title><link>https://news.example/a</link><guid>g1</guid><pubDate>Mon, 05 Mar 2018 10:00:00 GMT</pubDate>
        <description><![CDATA[<p>Protests in <b>Cajamarca</b>.</p><p>Farmers <a href="https://x.example">marched</a>.</p><img src="x.png">]]></description></item>
        <item><title>Encoded</title><guid isPermaLink="false">g2</guid><content:encoded><![CDATA[<p>First</p><p>Second</p>]]></content:encoded><description>short</description></item>`),
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'Mining news', link: 'https://news.example/', errors: [] });
    expect(feed.items.map((i) => [i.guid, i.link, i.item.slug, i.item.kind, i.item.summary, i.item.body])).toEqual([
      ['g1', 'https://news.example/a', '2018-03-05-mining-water', 'NEWS', 'Protests in Cajamarca.', 'Farmers marched.'],
      ['g2', null, 'encoded', 'PAGE', 'First', 'Second'],
    ]);
  });

  it('reads Atom 1.0 and JSON Feed 1.1, each item known by its id', () => {
    const atom = read(
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><id>urn:x</id><updated>2018-03-02T00:00:00Z</updated>
       <link href="https://atom.example/"/><entry><title>Entry one</title><id>urn:e1</id><updated>2018-03-02T12:00:00Z</updated><link href="https://atom.example/1"/>
       <content type="html">&lt;p&gt;Body one.&lt;/p&gt;</content></entry></feed>`,
    );
    expect(atom).toMatchObject({ format: 'atom', title: 'Atom news', link: 'https://atom.example/' });
    expect(atom.items.map((i) => [i.guid, i.link, i.item.slug, i.item.summary])).toEqual([['urn:e1', 'https://atom.example/1', '2018-03-02-entry-one', 'Body one.']]);
    const json = read(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON news',
        home_page_url: 'https://json.example/',
        items: [{ id: 7, url: 'https://json.example/7', title: 'Seven', content_text: 'Line one.\n\nLine two.', date_published: '2018-03-03T00:00:00Z' }],
      }),
    );
    expect(json.items.map((i) => [i.guid, i.item.slug, i.item.summary, i.item.body])).toEqual([['7', '2018-03-03-seven', 'Line one.', 'Line two.']]);
  });

  it('reports a bad item with its position and why, and keeps the good ones', () => {
    const feed = read(
      rss(`<item><title>Good</title><guid>a</guid><description>Text.</description></item>
        <item><title>Bad date</title><pubDate>yesterday</pubDate><description>x</description></item>
        <item><title>Future</title><pubDate>Mon, 02 Mar 2099 10:00:00 GMT</pubDate><description>x</description></item>
        <item><description>No title</description></item>
        <item><title>Empty</title></item>
        <item><title>Huge</title><description>${'word '.repeat(MAX_ITEM_CHARACTERS / 4)}</description></item>`),
    );
    expect(feed.items.map((i) => i.item.title)).toEqual(['Good']);
    expect(feed.errors).toEqual([
      { position: 2, message: expect.stringMatching(/^item 2 \("Bad date"\): its date "yesterday" is not a date/) },
      { position: 3, message: expect.stringMatching(/^item 3 \("Future"\): its date .* lies in the future$/) },
      { position: 4, message: 'item 4: it has no title' },
      { position: 5, message: 'item 5 ("Empty"): it has no text (no description, summary or content)' },
      { position: 6, message: expect.stringMatching(/^item 6 \("Huge"\): its text has \d+ characters; at most 100000 are read$/) },
    ]);
  });

  it('refuses what is not a feed, naming it', () => {
    expect(() => read('<rss><channel><item>')).toThrow(FeedError);
    expect(() => read('<html><body>hello</body></html>')).toThrow(/^test-feed is not a feed Quipu reads/);
    expect(() => read('{"not": "a feed"')).toThrow(/^test-feed is not a feed/);
  });

  it('reads the seed’s text format too, each item known by its slug', () => {
    const feed = read('• Title one\n\n    01 March 2018\n\n    Summary one.\n');
    expect(feed.format).toBe('text');
    expect(feed.items.map((i) => [i.guid, i.item.summary])).toEqual([['2018-03-01-title-one', 'Summary one.']]);
  });
});
