import { articleUrl, feedLinks, feedUrls } from './feed-links';

describe('feed links', () => {
  it('feedLinks gives the three autodiscovery tags of a channel, escaped', () => {
    expect(feedLinks('https://news.example.org', 'mining-in-cajamarca', 'Mining in "Cajamarca"')).toBe(
      [
        '<link rel="alternate" type="application/rss+xml" title="Mining in &quot;Cajamarca&quot; (RSS)" href="https://news.example.org/feeds/mining-in-cajamarca.rss">',
        '<link rel="alternate" type="application/atom+xml" title="Mining in &quot;Cajamarca&quot; (Atom)" href="https://news.example.org/feeds/mining-in-cajamarca.atom">',
        '<link rel="alternate" type="application/feed+json" title="Mining in &quot;Cajamarca&quot; (JSON Feed)" href="https://news.example.org/feeds/mining-in-cajamarca.json">',
      ].join('\n'),
    );
  });

  it('builds feed and article URLs on an origin, encoding slugs', () => {
    expect(feedUrls('http://localhost:4000', { subject: 'place', slug: 'tia-maria' })).toEqual({
      rss: 'http://localhost:4000/feeds/place/tia-maria.rss',
      atom: 'http://localhost:4000/feeds/place/tia-maria.atom',
      json: 'http://localhost:4000/feeds/place/tia-maria.json',
    });
    expect(articleUrl('http://localhost:4000', 'a b')).toBe('http://localhost:4000/articles/a%20b');
  });
});
