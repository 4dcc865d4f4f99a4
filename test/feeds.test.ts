import { extractFromJson, extractFromXml, type FeedData } from '@extractus/feed-extractor';
import { XMLValidator } from 'fast-xml-parser';
import { formatDay } from '../src/core/dates';
import { bundleExplorer } from '../src/explore/bundle';
import { feedLinks } from '../src/feed/feed-links';
import { createApp } from '../src/http/server';
import {
  ChannelFeedArticlesDocument,
  ChannelsDocument,
  type FeedArticleFragment,
  OrganisationFeedArticlesDocument,
  PersonFeedArticlesDocument,
  PlaceFeedArticlesDocument,
  TopicFeedArticlesDocument,
} from './generated/graphql';
import { parseXml } from './support/files';
import { NEWS, PAGES } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const FORMATS = ['rss', 'atom', 'json'] as const;
type Format = (typeof FORMATS)[number];
const TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Entry fields the parser leaves out by default, read from each format's own structure. */
function extraEntryFields(entry: Record<string, any>): Record<string, unknown> {
  const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  if (entry.tags) return { categories: entry.tags };
  const categories = list(entry.category).map((c: any) => (typeof c === 'string' ? c : (c['@_label'] ?? c['#text'])));
  return { categories, guidAttributes: typeof entry.guid === 'object' ? entry.guid : null };
}

/** Parses a feed with an independent parser (RSS and Atom from XML, JSON Feed from JSON). */
function parseFeed(format: Format, text: string): FeedData {
  const options = { descriptionMaxLen: 0, getExtraEntryFields: extraEntryFields };
  return format === 'json' ? extractFromJson(JSON.parse(text), options) : extractFromXml(text, options);
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { response, text: await response.text() };
}

const instant = (date: string) => new Date(`${date}T00:00:00Z`).toISOString();

/** The feed's items, as the parser read them, against the API's articles for the same list. */
function expectItems(feed: FeedData, articles: FeedArticleFragment[]) {
  const dated = articles.filter((a) => a.publishedAt !== null);
  expect(feed.entries!.map((e) => ({ id: e.id, link: e.link, title: e.title, published: e.published, categories: e.categories }))).toEqual(
    dated.map((a) => ({ id: `urn:quipu:article:${a.id}`, link: a.url, title: a.title, published: instant(a.publishedAt!), categories: a.topics.map((t) => t.name) })),
  );
}

describe('channel feeds', () => {
  it('hold the channel’s newest dated articles in RSS 2.0, Atom 1.0 and JSON Feed 1.1, as the API lists them', async () => {
    const { channels } = await server.query(ChannelsDocument, {});
    for (const { slug } of channels) {
      const channel = (await server.query(ChannelFeedArticlesDocument, { slug, first: 20 })).channel!;
      for (const format of FORMATS) {
        const { response, text } = await get(`/feeds/${slug}.${format}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(TYPES[format]);
        const feed = parseFeed(format, text);
        expect(feed.title).toBe(channel.title);
        expect(feed.description).toBe(channel.description);
        expectItems(feed, channel.articles.nodes);
        expect(feed.entries!.length).toBeGreaterThan(0);
      }
    }
  });

  it('say where they are (self links) and link the explorer view of the same articles', async () => {
    const self = `${server.url}/feeds/mining-in-cajamarca`;
    const home = `${server.url}/explore?topic=mining&place=cajamarca`;
    const rss = parseXml((await get('/feeds/mining-in-cajamarca.rss')).text).rss;
    expect(rss.version).toBe('2.0');
    expect(rss['xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(rss.channel['atom:link']).toEqual({ href: `${self}.rss`, rel: 'self', type: 'application/rss+xml' });
    expect(rss.channel.link).toBe(home);
    const atom = parseXml((await get('/feeds/mining-in-cajamarca.atom')).text).feed;
    expect(atom.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(atom.id).toBe('urn:quipu:feed:channel:mining-in-cajamarca');
    expect(atom.link).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: `${self}.atom` },
      { rel: 'alternate', type: 'text/html', href: home },
    ]);
    const json = JSON.parse((await get('/feeds/mining-in-cajamarca.json')).text);
    expect(json).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', feed_url: `${self}.json`, home_page_url: home });
  });

  it('use the article’s global id as a non-permalink guid and its publication date, never the time of the request', async () => {
    const channel = (await server.query(ChannelFeedArticlesDocument, { slug: 'mining', first: 20 })).channel!;
    const newest = channel.articles.nodes[0];
    const rss = parseXml((await get('/feeds/mining.rss')).text).rss.channel;
    const items = [rss.item].flat();
    expect(items[0].guid).toEqual({ isPermaLink: 'false', '#text': `urn:quipu:article:${newest.id}` });
    expect(items[0].pubDate).toBe(new Date(`${newest.publishedAt}T00:00:00Z`).toUTCString());
    expect(rss.lastBuildDate).toBe(new Date(`${newest.publishedAt}T00:00:00Z`).toUTCString());
    const atom = parseXml((await get('/feeds/mining.atom')).text).feed;
    expect(atom.updated).toBe(`${newest.publishedAt}T00:00:00Z`);
    const entries = [atom.entry].flat();
    expect(entries[0]).toMatchObject({ published: `${newest.publishedAt}T00:00:00Z`, updated: `${newest.publishedAt}T00:00:00Z`, author: { name: 'Peru Support Group' } });
    expect([entries[0].category].flat().map((c: any) => c.term)).toEqual(newest.topics.map((t) => t.slug));
    const json = JSON.parse((await get('/feeds/mining.json')).text);
    expect(json.items[0]).toMatchObject({ id: `urn:quipu:article:${newest.id}`, date_published: `${newest.publishedAt}T00:00:00Z`, tags: newest.topics.map((t) => t.name) });
    expect(json.items[0].content_text).toBe([newest.summary, newest.body].filter(Boolean).join('\n\n'));
    // The same list twice is the same bytes, so the same ETag.
    const again = await get('/feeds/mining.atom');
    expect(again.response.headers.get('etag')).toBe((await get('/feeds/mining.atom')).response.headers.get('etag'));
  });

  it('take ?limit= from 1 to 100 and say so for anything else', async () => {
    for (const format of FORMATS) {
      const feed = parseFeed(format, (await get(`/feeds/mining.${format}?limit=2`)).text);
      expect(feed.entries).toHaveLength(2);
    }
    const atom = parseXml((await get('/feeds/mining.atom?limit=2')).text).feed;
    expect(atom.link[0].href).toBe(`${server.url}/feeds/mining.atom?limit=2`);
    for (const bad of ['0', '101', 'ten', '2.5', '']) {
      const { response, text } = await get(`/feeds/mining.rss?limit=${bad}`);
      expect(response.status).toBe(400);
      expect(text).toBe(`limit must be a whole number from 1 to 100 (default 20), got "${bad}"\n`);
    }
  });
});

describe('subject feeds', () => {
  const cases = [
    { path: 'topic/mining', fetch: async () => (await server.query(TopicFeedArticlesDocument, { slug: 'mining', first: 20 })).topic! },
    { path: 'topic/human-rights', fetch: async () => (await server.query(TopicFeedArticlesDocument, { slug: 'human-rights', first: 20 })).topic! },
    { path: 'organisation/southern-copper', fetch: async () => (await server.query(OrganisationFeedArticlesDocument, { slug: 'southern-copper', first: 20 })).organisation! },
    { path: 'place/cajamarca', fetch: async () => (await server.query(PlaceFeedArticlesDocument, { slug: 'cajamarca', first: 20 })).place! },
    { path: 'person/alberto-fujimori', fetch: async () => (await server.query(PersonFeedArticlesDocument, { slug: 'alberto-fujimori', first: 20 })).person! },
  ];

  it.each(cases)('/feeds/$path.* hold what the subject’s articles field lists, in every format', async ({ path, fetch: read }) => {
    const subject = await read();
    expect(subject.articles.nodes.length).toBeGreaterThan(0);
    for (const format of FORMATS) {
      const { response, text } = await get(`/feeds/${path}.${format}`);
      expect(response.status).toBe(200);
      const feed = parseFeed(format, text);
      expect(feed.title).toBe(`${subject.name} (${path.split('/')[0]})`);
      expectItems(feed, subject.articles.nodes);
    }
  });

  it('leave out undated standing pages, which the API lists after the dated news', async () => {
    const topic = (await server.query(TopicFeedArticlesDocument, { slug: 'social-protest', first: 20 })).topic!;
    const pages = topic.articles.nodes.filter((a) => a.kind === 'PAGE').map((a) => a.slug);
    expect(pages).toContain(PAGES.humanRights);
    const feed = parseFeed('json', (await get('/feeds/topic/social-protest.json')).text);
    expect(feed.entries!.length).toBe(topic.articles.nodes.length - pages.length);
    expect(feed.entries!.some((e) => pages.some((slug) => e.link!.endsWith(`/${slug}`)))).toBe(false);
  });
});

describe('feed caching and errors', () => {
  it('are publicly cacheable, open to any origin, and answer 304 to a matching If-None-Match', async () => {
    const { response } = await get('/feeds/mining.rss');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300, stale-while-revalidate=3600');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const cached = await get('/feeds/mining.rss', { 'if-none-match': etag });
    expect(cached.response.status).toBe(304);
    expect(cached.text).toBe('');
    expect(cached.response.headers.get('etag')).toBe(etag);
    expect((await get('/feeds/mining.rss', { 'if-none-match': `"stale", W/${etag}` })).response.status).toBe(304);
    const other = await get('/feeds/mining.atom', { 'if-none-match': etag });
    expect(other.response.status).toBe(200);
    const graphql = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ channels { slug } }"}' });
    expect(graphql.headers.get('etag')).toBeNull();
  });

  it('answer 404 with what is wrong and what exists for an unknown channel, subject, kind or format', async () => {
    const cases: [string, string][] = [
      ['/feeds/no-such-channel.rss', 'No channel "no-such-channel". List the channels with the GraphQL query { channels { slug } }.\n'],
      ['/feeds/topic/no-such-topic.atom', 'No topic "no-such-topic". List them with the GraphQL query { topics { nodes { slug } } }.\n'],
      ['/feeds/person/nobody.json', 'No person "nobody". List them with the GraphQL query { people { nodes { slug } } }.\n'],
      ['/feeds/city/lima.rss', 'No feeds of "city": feeds are /feeds/<channel>.<format> and /feeds/<topic|organisation|place|person>/<slug>.<format>.\n'],
      ['/feeds/mining.xml', 'Unknown feed format ".xml" in /feeds/mining.xml: use .rss (RSS 2.0), .atom (Atom 1.0) or .json (JSON Feed 1.1).\n'],
      ['/feeds/mining', 'Unknown feed format "." in /feeds/mining: use .rss (RSS 2.0), .atom (Atom 1.0) or .json (JSON Feed 1.1).\n'],
    ];
    for (const [path, message] of cases) {
      const { response, text } = await get(path);
      expect({ path, status: response.status, text }).toEqual({ path, status: 404, text: message });
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('links items and feeds on PUBLIC_URL when it is set', async () => {
    const app = await createApp({ sql: server.sql, ready: true }, { publicUrl: 'https://news.example.org' });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const json = (await (await fetch(`${url}/feeds/mining.json`)).json()) as { feed_url: string; items: { url: string }[] };
      expect(json.feed_url).toBe('https://news.example.org/feeds/mining.json');
      expect(json.items.every((item) => item.url.startsWith('https://news.example.org/articles/'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('the article page', () => {
  it('shows the article, escaped, with its date, subjects and source; every feed item links to one', async () => {
    const channel = (await server.query(ChannelFeedArticlesDocument, { slug: 'politics', first: 20 })).channel!;
    const students = channel.articles.nodes.find((a) => a.slug === NEWS.students)!;
    const { response, text } = await get(`/articles/${NEWS.students}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300, stale-while-revalidate=3600');
    expect(response.headers.get('etag')).toBeTruthy();
    expect(text).toContain('<html lang="en">');
    expect(text).toContain(`<h1>${students.title.replace(/'/g, '&#39;')}</h1>`);
    expect(text).toContain(`<time datetime="${students.publishedAt}">2 March 2018</time>`);
    expect(text).toContain(`<link rel="canonical" href="${students.url}">`);
    for (const topic of students.topics) expect(text).toContain(`<li><a href="/explore?topic=${topic.slug}">${topic.name}</a></li>`);
    expect(text).toContain(`<a href="${students.source.url}">${students.source.name}</a>`);
    expect(text).not.toMatch(/<script/);
    for (const article of channel.articles.nodes) expect((await fetch(article.url)).status).toBe(200);
    const cached = await get(`/articles/${NEWS.students}`, { 'if-none-match': response.headers.get('etag')! });
    expect(cached.response.status).toBe(304);
  });

  it('answers 404 with a page saying what is missing', async () => {
    const { response, text } = await get('/articles/no-such-article%3Cb%3E');
    expect(response.status).toBe(404);
    expect(text).toContain('<h1>Article not found</h1>');
    expect(text).toContain('<code>no-such-article&lt;b&gt;</code>');
  });
});

describe('feed autodiscovery on /explore', () => {
  beforeAll(() => bundleExplorer());

  const alternates = (html: string) => [...html.matchAll(/<link rel="alternate"[^>]*>|<link data-feed="entity" rel="alternate"[^>]*>/g)].map((m) => m[0]);

  it("announces every channel's feeds", async () => {
    const { response, text } = await get('/explore');
    expect(response.status).toBe(200);
    const { channels } = await server.query(ChannelsDocument, {});
    const links = alternates(text);
    expect(links).toHaveLength(channels.length * 3);
    for (const channel of channels) expect(text).toContain(feedLinks(server.url, channel.slug, `Quipu: ${channel.title}`));
    for (const href of links.map((link) => /href="([^"]+)"/.exec(link)![1])) expect((await fetch(href)).status).toBe(200);
  });

  it('announces the feeds of the one entity a shared view shows, and none for a view no feed follows', async () => {
    const one = alternates((await get('/explore?place=cajamarca')).text).filter((link) => link.includes('data-feed="entity"'));
    expect(one.map((link) => /href="([^"]+)"/.exec(link)![1])).toEqual(['rss', 'atom', 'json'].map((f) => `${server.url}/feeds/place/cajamarca.${f}`));
    for (const query of ['?place=cajamarca&topic=mining', '?place=cajamarca&q=copper', '?topic=mining&from=2018-03-01', '']) {
      expect(alternates((await get(`/explore${query}`)).text).filter((link) => link.includes('data-feed="entity"'))).toEqual([]);
    }
  });
});

describe('feeds opened in a browser', () => {
  /** What Chromium and Firefox send when a reader follows a link. */
  const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  /** What feed readers send: the feed's types first, or XML before HTML, or anything. */
  const readerAccepts = (format: 'rss' | 'atom') => [
    `${TYPES[format].split(';')[0]}, application/xml;q=0.9, */*;q=0.8`,
    'application/atom+xml,application/rss+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,text/html;q=0.7,*/*;q=0.1',
    'application/xml, text/html',
    '*/*',
  ];
  const INSTRUCTION = '<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/xsl" href="/feeds/feed.xsl"?>\n';
  const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  const fromHtml = (html: string) => html.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

  /** The articles the server's page of a feed lists, read from its markup. */
  function pageItems(html: string) {
    const list = /<ol class="items">(.*?)<\/ol>/s.exec(html)?.[1] ?? '';
    return [...list.matchAll(/<h3><a href="([^"]+)">(.*?)<\/a><\/h3>\s*<p class="date"><time datetime="([^"]+)">(.*?)<\/time><\/p>\s*<p class="summary">(.*?)<\/p>/gs)].map(
      (m) => ({
        url: fromHtml(m[1]),
        title: fromHtml(m[2]),
        publishedAt: m[3],
        day: m[4],
        summary: fromHtml(m[5]),
      }),
    );
  }

  it('RSS and Atom name Quipu’s XSL stylesheet and stay well-formed feeds; JSON Feed has nothing of it', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const { text } = await get(`/feeds/topic/mining.${format}`);
      expect(text.startsWith(INSTRUCTION)).toBe(true);
      expect(XMLValidator.validate(text)).toBe(true);
      expect(parseFeed(format, text).entries!.length).toBeGreaterThan(0);
    }
    const json = await get('/feeds/topic/mining.json');
    expect(json.text).not.toContain('xsl');
    expect(json.response.headers.get('content-type')).toBe(TYPES.json);
    expect(json.response.headers.get('content-security-policy')).toBeNull();
  });

  it.each(['rss', 'atom'] as const)('a browser opening the %s URL gets a page of the feed’s newest articles and how to follow it', async (format) => {
    const channel = (await server.query(ChannelFeedArticlesDocument, { slug: 'mining', first: 20 })).channel!;
    const { response, text } = await get(`/feeds/mining.${format}`, { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toMatch(/\baccept\b/i);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_POLICY);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300, stale-while-revalidate=3600');
    expect(text.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(text).not.toMatch(/<script|<\?xml/);
    expect(text).toContain(`<h1>${channel.title}</h1>`);
    expect(text).toContain(`<p>${channel.description}</p>`);
    expect(text).toContain(`<input id="address" type="text" readonly="readonly" value="${server.url}/feeds/mining.${format}"/>`);
    expect(text).toContain(`<a href="${server.url}/explore?topic=mining">Read these articles on Quipu</a>`);
    expect(text).toContain(feedLinks(server.url, 'mining', `Quipu: ${channel.title}`));
    const dated = channel.articles.nodes.filter((a) => a.publishedAt !== null);
    expect(dated.length).toBeGreaterThan(0);
    expect(pageItems(text)).toEqual(dated.map((a) => ({ url: a.url, title: a.title, publishedAt: a.publishedAt, day: formatDay(a.publishedAt!), summary: a.summary })));
  });

  it('the page takes ?limit= as the feed does, and its address is the feed’s with the limit', async () => {
    const { text } = await get('/feeds/topic/mining.atom?limit=2', { accept: BROWSER_ACCEPT });
    expect(pageItems(text)).toHaveLength(2);
    expect(text).toContain(`value="${server.url}/feeds/topic/mining.atom?limit=2"`);
    expect((await get('/feeds/topic/mining.atom?limit=0', { accept: BROWSER_ACCEPT })).response.status).toBe(400);
  });

  it.each(['rss', 'atom'] as const)('feed readers, curl and */* get the %s feed itself, byte for byte, with its own type', async (format) => {
    const plain = await get(`/feeds/mining.${format}`);
    expect(XMLValidator.validate(plain.text)).toBe(true);
    for (const accept of readerAccepts(format)) {
      const { response, text } = await get(`/feeds/mining.${format}`, { accept });
      expect({ accept, type: response.headers.get('content-type') }).toEqual({ accept, type: TYPES[format] });
      expect(response.headers.get('vary')).toMatch(/\baccept\b/i);
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'; style-src 'unsafe-inline';/);
      expect(text).toBe(plain.text);
      expect(XMLValidator.validate(text)).toBe(true);
    }
  });

  it('a browser opening the JSON Feed gets JSON', async () => {
    const { response, text } = await get('/feeds/mining.json', { accept: BROWSER_ACCEPT });
    expect(response.headers.get('content-type')).toBe(TYPES.json);
    expect(text).toBe((await get('/feeds/mining.json')).text);
  });

  it.each(['rss', 'atom'] as const)('the %s page and feed each have their own ETag and answer 304 to it alone', async (format) => {
    const path = `/feeds/topic/mining.${format}`;
    const reader = { accept: readerAccepts(format)[0] };
    const browser = { accept: BROWSER_ACCEPT };
    const pageTag = (await get(path, browser)).response.headers.get('etag')!;
    const feedTag = (await get(path, reader)).response.headers.get('etag')!;
    expect(pageTag).toMatch(/^"[^"]+"$/);
    expect(feedTag).toMatch(/^"[^"]+"$/);
    expect(pageTag).not.toBe(feedTag);
    const again = await get(path, { ...browser, 'if-none-match': pageTag });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.response.headers.get('etag')).toBe(pageTag);
    expect((await get(path, { ...reader, 'if-none-match': feedTag })).response.status).toBe(304);
    // The other's tag is not this answer's: each gets its full body.
    const page = await get(path, { ...browser, 'if-none-match': feedTag });
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const feed = await get(path, { ...reader, 'if-none-match': pageTag });
    expect(feed.response.status).toBe(200);
    expect(XMLValidator.validate(feed.text)).toBe(true);
  });

  it('serve the stylesheet from Quipu itself, as well-formed XSLT that browsers load', async () => {
    const { response, text } = await get('/feeds/feed.xsl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xsl; charset=utf-8');
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toContain('<xsl:stylesheet version="1.0"');
  });

  it('the stylesheet says how to follow a feed in the page’s very words, the address and link left to XSLT', async () => {
    const follow = (html: string) => /<section class="follow".*?<\/section>/s.exec(html)?.[0];
    const { text: xsl } = await get('/feeds/feed.xsl');
    const { text: page } = await get('/feeds/mining.rss', { accept: BROWSER_ACCEPT });
    const fromPage = follow(page)!.replace(`value="${server.url}/feeds/mining.rss"`, 'value="{$self}"').replace(`href="${server.url}/explore?topic=mining"`, 'href="{$home}"');
    expect(fromPage).toContain('Follow this feed');
    expect(follow(xsl)).toBe(fromPage);
  });
});

describe('related articles on the article page', () => {
  it('lists the related articles the API computes, best first, each linking to its page with its date', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ article(slug: "${NEWS.students}") { related(first: 5) { article { title url publishedAt } } } }` }),
    });
    const related = ((await response.json()) as { data: { article: { related: { article: { title: string; url: string; publishedAt: string | null } }[] } } }).data.article.related;
    expect(related.length).toBeGreaterThan(0);
    const { text } = await get(`/articles/${NEWS.students}`);
    const section = /<section aria-labelledby="h-related" class="related">(.*?)<\/section>/s.exec(text)?.[1] ?? '';
    const links = [...section.matchAll(/<a href="([^"]+)">([^<]+)<\/a><p>(?:<time datetime="([^"]+)">([^<]+)<\/time>)?/g)].map((m) => ({
      url: m[1],
      title: m[2]!.replace(/&#39;/g, "'"),
      date: m[3] ?? null,
      shown: m[4] ?? null,
    }));
    expect(links).toEqual(
      related.map(({ article }) => ({ url: article.url, title: article.title, date: article.publishedAt, shown: article.publishedAt ? formatDay(article.publishedAt) : null })),
    );
    for (const link of links) expect((await fetch(link.url)).status).toBe(200);
  });
});
