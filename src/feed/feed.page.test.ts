import { NO_ARTICLES_MARKUP, renderFeedPage } from './feed.page';

describe("a feed's page", () => {
  const meta = {
    selfUrl: 'https://news.example.org/feeds/mining.rss?limit=2&x="',
    homeUrl: 'https://news.example.org/explore?topic=mining',
    origin: 'https://news.example.org',
    target: { channel: 'mining' },
  };
  const article = {
    id: 'QXJ0aWNsZTox',
    slug: 'a',
    title: 'Miners say <script>alert("no")</script> & more',
    summary: 'A summary with <b>tags</b> & "quotes".',
    body: null,
    publishedAt: '2018-03-02',
    url: 'https://news.example.org/articles/a?b=1&c=2',
    topics: [],
    source: { name: 'Peru Support Group', url: 'https://perusupportgroup.org.uk' },
  };

  it('writes every text from the feed escaped, so none of it becomes markup', () => {
    const html = renderFeedPage({ title: 'Mining <i>', description: 'Mines & "miners"', explore: {}, articles: [article] }, meta);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h1>Mining &lt;i&gt;</h1>');
    expect(html).toContain('<p>Mines &amp; &quot;miners&quot;</p>');
    expect(html).toContain('value="https://news.example.org/feeds/mining.rss?limit=2&amp;x=&quot;"');
    expect(html).toContain('<a href="https://news.example.org/articles/a?b=1&amp;c=2">Miners say &lt;script&gt;alert(&quot;no&quot;)&lt;/script&gt; &amp; more</a>');
    expect(html).toContain('<time datetime="2018-03-02">2 March 2018</time>');
    expect(html).toContain('<p class="summary">A summary with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;.</p>');
  });

  it('says that new articles will appear when a feed has none yet', () => {
    const html = renderFeedPage({ title: 'Mining', description: 'Mines', explore: {}, articles: [] }, meta);
    expect(html).toContain(NO_ARTICLES_MARKUP);
    expect(html).not.toContain('<ol class="items">');
  });
});
