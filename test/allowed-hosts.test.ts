import { request } from 'node:http';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

interface Answer {
  status: number;
  cacheControl: string | undefined;
  text: string;
}

/** A request with the Host header of our choosing (fetch cannot set Host), to the server's own address. */
function send(server: TestServer, path: string, host: string, body?: object): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        path,
        method: payload === undefined ? 'GET' : 'POST',
        headers: { host, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, cacheControl: response.headers['cache-control'], text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const CHANNEL_LINKS = '{ channel(slug: "mining") { feeds { rss atom json } articles(first: 3) { nodes { url } } } }';

/** Every place an origin shows up: a feed, the embed page and its oEmbed, an article page, and GraphQL's links. */
async function linksFor(server: TestServer, host: string) {
  const feed = await send(server, '/feeds/mining.rss', host);
  const embed = await send(server, '/embed/mining', host);
  const article = await send(server, `/articles/${NEWS.students}`, host);
  const oembedUrl = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(embed.text)?.[1].replace(/&amp;/g, '&');
  const oembed = await send(server, oembedUrl ? new URL(oembedUrl).pathname + new URL(oembedUrl).search : '/oembed', host);
  const graphql = await send(server, '/graphql', host, { query: CHANNEL_LINKS });
  for (const answer of [feed, embed, article, oembed, graphql]) expect(answer.status).toBe(200);
  for (const answer of [feed, embed, article, oembed]) expect(answer.cacheControl).toMatch(/^public/);
  const channel = (JSON.parse(graphql.text) as { data: { channel: { feeds: Record<string, string>; articles: { nodes: { url: string }[] } } } }).data.channel;
  return { feed: feed.text, embed: embed.text, article: article.text, oembed: oembed.text, oembedUrl, channel };
}

/** The links are all on `origin`, and nothing in any answer names `stranger`. */
async function expectLinksOn(server: TestServer, host: string, origin: string, stranger?: string) {
  const links = await linksFor(server, host);
  expect(links.feed).toContain(`<atom:link href="${origin}/feeds/mining.rss" rel="self"`);
  expect(links.feed).toContain(`<link>${origin}/articles/`);
  expect(links.embed).toContain(`href="${origin}/feeds/mining.rss"`);
  expect(links.embed).toContain(`href="${origin}/articles/`);
  expect(links.oembedUrl).toBe(`${origin}/oembed?url=${encodeURIComponent(`${origin}/embed/mining`)}&format=json`);
  expect(JSON.parse(links.oembed)).toMatchObject({ provider_url: `${origin}/` });
  expect(links.article).toContain(`<link rel="canonical" href="${origin}/articles/${NEWS.students}">`);
  expect(links.channel.feeds).toEqual({ rss: `${origin}/feeds/mining.rss`, atom: `${origin}/feeds/mining.atom`, json: `${origin}/feeds/mining.json` });
  for (const { url } of links.channel.articles.nodes) expect(url.startsWith(`${origin}/articles/`)).toBe(true);
  if (stranger) {
    for (const text of [links.feed, links.embed, links.article, links.oembed, JSON.stringify(links.channel)]) expect(text.toLowerCase()).not.toContain(stranger);
  }
}

describe('links without PUBLIC_URL or ALLOWED_HOSTS: localhost and the listening address, on its port', () => {
  let server: TestServer;
  let port: string;
  beforeAll(async () => {
    server = await startServer();
    port = new URL(server.url).port;
  });
  afterAll(() => server.close());

  it("keep the server's own address and localhost, on the port it listens on", async () => {
    await expectLinksOn(server, `127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
    await expectLinksOn(server, `localhost:${port}`, `http://localhost:${port}`);
    await expectLinksOn(server, `LocalHost:${port}`, `http://localhost:${port}`);
  });

  it('never carry a Host that is not on the list: they are made on localhost and the listening port instead', async () => {
    await expectLinksOn(server, 'evil.example', `http://localhost:${port}`, 'evil.example');
    await expectLinksOn(server, `evil.example:${port}`, `http://localhost:${port}`, 'evil.example');
    await expectLinksOn(server, 'localhost', `http://localhost:${port}`);
    await expectLinksOn(server, 'localhost:1', `http://localhost:${port}`, 'localhost:1/');
    await expectLinksOn(server, `127.0.0.1:${Number(port) + 1}`, `http://localhost:${port}`, '127.0.0.1');
    await expectLinksOn(server, 'evil.example/"><script>', `http://localhost:${port}`, 'evil.example');
  });
});

describe('links with ALLOWED_HOSTS', () => {
  let server: TestServer;
  let port: string;
  beforeAll(async () => {
    server = await startServer({ allowedHosts: ['news.example', 'cdn.example:8443'] });
    port = new URL(server.url).port;
  });
  afterAll(() => server.close());

  it('are made on an allowed Host: one without a port on any port, one with a port only on it', async () => {
    await expectLinksOn(server, 'news.example', 'http://news.example');
    await expectLinksOn(server, 'NEWS.example:8080', 'http://news.example:8080');
    await expectLinksOn(server, 'cdn.example:8443', 'http://cdn.example:8443');
  });

  it('are made on the first allowed host for any other Host, the listening address included', async () => {
    await expectLinksOn(server, 'other.example', 'http://news.example', 'other.example');
    await expectLinksOn(server, 'cdn.example:9000', 'http://news.example', 'cdn.example');
    await expectLinksOn(server, `127.0.0.1:${port}`, 'http://news.example', '127.0.0.1');
  });
});

describe('links with PUBLIC_URL', () => {
  it('are made on it whatever the Host and the allow-list', async () => {
    const server = await startServer({ publicUrl: 'https://quipu.example.org', allowedHosts: ['news.example'] });
    try {
      await expectLinksOn(server, 'news.example', 'https://quipu.example.org', 'news.example');
      await expectLinksOn(server, 'evil.example', 'https://quipu.example.org', 'evil.example');
    } finally {
      await server.close();
    }
  });
});
