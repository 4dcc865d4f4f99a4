import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { formatDay } from '../src/core/dates';
import { TrustedDocuments } from '../src/core/trusted-documents';
import { bundleEmbed } from '../src/embed/bundle';
import { EMBED_CHANNEL_QUERY, EMBED_CHANNEL_QUERY_HASH, HEIGHT_MESSAGE } from '../src/embed/embed-operation';
import { publicDir as embedPublicDir } from '../src/embed/paths';
import { PartnerKeys } from '../src/partner/keys';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { startServer, type TestServer } from './support/server';

// Functions passed to evaluate() run in Chromium; the tests' own types have no DOM, so these stand in.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare function getComputedStyle(element: unknown, pseudo?: string): { [property: string]: string };
type BrowserElement = any;

const executablePath = chromiumPath;
const GZIP_BUDGET = 15 * 1024;
/** The widget's and the iframe page's largest `limit`. */
const MAX_LIMIT = 20;

jest.setTimeout(60_000);

interface ApiArticle {
  id: string;
  title: string;
  publishedAt: string | null;
  url: string;
  topics: { slug: string; name: string }[];
}
interface ApiChannel {
  slug: string;
  title: string;
  feeds: { rss: string };
  articles: { nodes: ApiArticle[] };
}

/** Every channel of the seed, as the API lists them. */
async function channelSlugs(server: TestServer): Promise<string[]> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ channels { slug } }' }),
  });
  return ((await response.json()) as { data: { channels: { slug: string }[] } }).data.channels.map((channel) => channel.slug);
}

/** The items of a channel's JSON feed, as [title, url]. */
async function feedItems(server: TestServer, slug: string, limit: number): Promise<[string, string][]> {
  const feed = (await (await fetch(`${server.url}/feeds/${slug}.json?limit=${limit}`)).json()) as { items: { title: string; url: string }[] };
  return feed.items.map((item) => [item.title, item.url]);
}

/** The text a reader sees in a server-rendered page's body: no tags, no style, entities read. */
function bodyText(html: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  return body
    .replace(/<script>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** schema/trusted-documents.json: the published operations by the sha256 of their text. */
const trustedDocuments = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../schema/trusted-documents.json'), 'utf8')) as Record<string, string>;

/** A partner's site on its own origin: pages that embed Quipu as a partner would copy them from the README. */
function partnerSite(pages: Record<string, () => string>): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://partner').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const page = pages[path];
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

describeInBrowser('embedding Quipu on a partner site', () => {
  let quipu: TestServer;
  let partner: http.Server;
  /** The partner's origin; `other` is the same server under another name, so another origin. */
  let partnerOrigin: string;
  let otherOrigin: string;
  let oembedHtml: string;
  /** A real partner key, allowed on the partner's origin, for trusted documents only. */
  let partnerKey: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let slugs: string[];

  async function channel(slug: string, first: number): Promise<ApiChannel> {
    const response = await fetch(`${quipu.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: EMBED_CHANNEL_QUERY, variables: { slug, first } }),
    });
    const body = (await response.json()) as { data: { channel: ApiChannel | null } };
    expect(body.data.channel).not.toBeNull();
    return body.data.channel!;
  }

  beforeAll(async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: install it or set CHROMIUM_PATH`);
    await bundleEmbed();
    quipu = await startServer();
    slugs = await channelSlugs(quipu);
    const script = `<script src="${quipu.url}/embed.js" async></script>`;
    const recorder = `<script>window.received = []; addEventListener('message', (event) => received.push({ origin: event.origin, data: event.data }));</script>`;
    const site = await partnerSite({
      // The widget, with its no-JavaScript fallback link, as the README shows it.
      '/widget': () => `<!doctype html><html lang="en"><head><title>Partner</title>${script}</head><body>
        <h1>Partner news</h1>
        <quipu-news id="mining" channel="mining" limit="5"><a href="${quipu.url}/embed/mining">Latest on mining</a></quipu-news>
        </body></html>`,
      '/broken': () => `<!doctype html><html lang="en"><head><title>Partner</title>${script}</head><body>
        <quipu-news id="unknown" channel="no-such-channel"><a href="${quipu.url}/embed/no-such-channel">Latest news</a></quipu-news>
        <quipu-news id="too-many" channel="mining" limit="50"></quipu-news>
        <quipu-news id="keyed" channel="mining" limit="1" key="${partnerKey}"></quipu-news>
        <quipu-news id="refused" channel="mining" limit="2" key="qk_not-a-key-of-this-server"></quipu-news>
        </body></html>`,
      // The oEmbed html as a consumer pastes it, a frame that lies about its parent's origin, and a
      // frame from another origin that posts a height message of its own.
      '/frame': () => `<!doctype html><html lang="en"><head><title>Partner</title>${recorder}</head><body>
        <h1>Partner news</h1>
        ${oembedHtml}
        <iframe id="misdirected" title="misdirected" src="${quipu.url}/embed/politics?limit=1&parentOrigin=${encodeURIComponent(otherOrigin)}"></iframe>
        <iframe id="impostor" title="impostor" style="height: 50px" src="${otherOrigin}/impostor"></iframe>
        </body></html>`,
      // A page that loads embed.js only after its frame has loaded and posted its first height.
      '/late': () => `<!doctype html><html lang="en"><head><title>Partner</title></head><body>
        <iframe id="late" title="Mining" style="border:0;width:100%;height:80px" src="${quipu.url}/embed/mining?limit=2"></iframe>
        <script>document.getElementById('late').addEventListener('load', () => setTimeout(() => {
          const script = document.createElement('script'); script.src = '${quipu.url}/embed.js'; document.head.append(script);
        }, 200));</script>
        </body></html>`,
      // The iframe recipe of docs/partners.md, below the fold: the lazy frame has not loaded when embed.js starts.
      '/recipe': () => `<!doctype html><html lang="en"><head><title>Partner</title></head><body>
        <h1>Partner news</h1>
        <quipu-news channel="politics" limit="2"><a href="${quipu.url}/embed/politics">Latest on politics</a></quipu-news>
        <p style="height: 12000px">Our own story, long enough to push the frame far out of view.</p>
        <iframe src="${quipu.url}/embed/mining?limit=5" title="Latest on mining" style="border:0;width:100%;height:500px" loading="lazy"></iframe>
        <script src="${quipu.url}/embed.js" async></script>
        </body></html>`,
      // Both embeds in view, as a partner page shows them: what the accessibility checks read.
      '/both': () => `<!doctype html><html lang="en"><head><title>Partner</title>${script}</head><body>
        <main><h1>Partner news</h1>
        <quipu-news id="mining" channel="mining" limit="5"><a href="${quipu.url}/embed/mining">Latest on mining</a></quipu-news>
        <iframe src="${quipu.url}/embed/politics?limit=3" title="Latest on politics" style="border:0;width:100%;height:400px"></iframe>
        </main></body></html>`,
      // Widgets in an English page and in a Spanish part of it.
      '/languages': () => `<!doctype html><html lang="en"><head><title>Partner</title>${script}</head><body>
        <h1>Partner news</h1>
        <quipu-news id="english" channel="mining" limit="5"></quipu-news>
        <section lang="es-PE"><h2>Noticias</h2><quipu-news id="spanish" channel="mining" limit="5"></quipu-news></section>
        </body></html>`,
      // Every channel, with room for its undated pages.
      '/channels': () => `<!doctype html><html lang="en"><head><title>Partner</title>${script}</head><body>
        ${slugs.map((slug) => `<quipu-news id="${slug}" channel="${slug}" limit="${MAX_LIMIT}"></quipu-news>`).join('\n')}
        </body></html>`,
      '/impostor': () =>
        `<!doctype html><html><body><script>parent.postMessage({ type: ${JSON.stringify(HEIGHT_MESSAGE)}, channel: 'mining', height: 999 }, '*');</script></body></html>`,
    });
    partner = site.server;
    partnerOrigin = `http://127.0.0.1:${site.port}`;
    otherOrigin = `http://localhost:${site.port}`;
    // Trusted-only: the widget's operation is a trusted document, so such a key can run it.
    partnerKey = (await new PartnerKeys(quipu.sql).create({ name: 'Partner in the embed test', origins: [partnerOrigin], trustedOnly: true })).secret;
    const oembed = await fetch(`${quipu.url}/oembed?url=${encodeURIComponent(`${quipu.url}/embed/mining`)}&format=json`);
    oembedHtml = ((await oembed.json()) as { html: string }).html;
    // Without a sandbox: CI runs as root, where Chromium refuses to start with one.
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => partner?.close(resolve));
    await quipu?.close();
  });

  /**
   * Counts the page's errors, and its console's errors and warnings (its frames' too), as problems: the
   * console must stay clean. (Chromium reports a refused postMessage as a warning.)
   */
  function watch(watched: Page, expectedStatus?: { url: string; status: number }): Page {
    watched.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    watched.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // Chromium reports a page served with an error status, as a 404 page is by design: that one line is expected.
      const expected = expectedStatus && message.location().url === expectedStatus.url && message.text().includes(`status of ${expectedStatus.status}`);
      if (!expected) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    return watched;
  }

  beforeEach(async () => {
    problems = [];
    context = await browser.newContext();
    page = watch(await context.newPage());
  });
  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  /** What Chromium says when a message for `target` reaches a window on `recipient` and is refused. */
  const refusedPostMessage = (target: string, recipient: string) =>
    `console warning: Failed to execute 'postMessage' on 'DOMWindow': The target origin provided ('${target}') does not match the recipient window's origin ('${recipient}').`;
  const widget = (id: string) => page.locator(`quipu-news#${id}`);
  const settled = (id: string) => page.waitForSelector(`quipu-news#${id}[data-state="ready"], quipu-news#${id}[data-state="error"]`, { state: 'attached' });

  it('serves embed.js under 15 kB gzipped, cacheable, to any origin', async () => {
    const response = await fetch(`${quipu.url}/embed.js`, { headers: { origin: partnerOrigin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=86400/);
    const script = Buffer.from(await response.arrayBuffer());
    const gzipBytes = gzipSync(script, { level: 9 }).length;
    console.log(`embed.js: ${script.length} bytes, ${gzipBytes} bytes gzipped`);
    expect(gzipBytes).toBeLessThan(GZIP_BUDGET);
    expect(script.toString()).toContain(EMBED_CHANNEL_QUERY_HASH);

    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(`${quipu.url}/embed.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const gzipped = await fetch(`${quipu.url}/embed.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('etag')).toBe(etag);
  });

  it("renders the channel's latest articles from the API, cross-origin, as a labelled list of links", async () => {
    const graphql: { url: string; status: number; body: string; headers: Record<string, string> }[] = [];
    page.on('response', async (response) => {
      if (response.url().startsWith(`${quipu.url}/graphql`)) {
        graphql.push({ url: response.url(), status: response.status(), body: await response.text(), headers: response.request().headers() });
      }
    });
    await page.goto(`${partnerOrigin}/widget`);
    await settled('mining');
    await expect(widget('mining').getAttribute('data-state')).resolves.toBe('ready');

    const expected = await channel('mining', 5);
    expect(expected.articles.nodes.length).toBeGreaterThan(1);
    const list = page.getByRole('list', { name: expected.title });
    await expect(list.count()).resolves.toBe(1);
    const rendered = await widget('mining').evaluate((element) =>
      Array.from<BrowserElement>(element.shadowRoot!.querySelectorAll('.articles > li')).map((item) => ({
        title: item.querySelector('a')!.textContent,
        url: item.querySelector('a')!.getAttribute('href'),
        publishedAt: item.querySelector('time')?.getAttribute('datetime') ?? null,
        topics: Array.from<BrowserElement>(item.querySelectorAll('.topics li')).map((topic) => topic.textContent),
      })),
    );
    expect(rendered).toEqual(
      expected.articles.nodes.map((article) => ({ title: article.title, url: article.url, publishedAt: article.publishedAt, topics: article.topics.map((topic) => topic.name) })),
    );
    await expect(page.getByRole('heading', { name: expected.title }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: `${expected.title}: RSS feed` }).getAttribute('href')).resolves.toBe(expected.feeds.rss);

    // A persisted GET with the hash alone: the widget's operation is a trusted document, known by
    // its hash from the start, so the text never travels.
    expect(graphql.map(({ url }) => new URL(url).searchParams.has('query'))).toEqual([false]);
    for (const { url, status, headers } of graphql) {
      expect(status).toBe(200);
      expect(headers['x-apollo-operation-name']).toBe('EmbedChannel');
      const params = new URL(url).searchParams;
      expect(JSON.parse(params.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: EMBED_CHANNEL_QUERY_HASH } });
      expect(JSON.parse(params.get('variables')!)).toEqual({ slug: 'mining', first: 5 });
    }

    // The next reader's widget does the same.
    graphql.length = 0;
    await page.reload();
    await settled('mining');
    expect(graphql.map(({ url, status }) => [new URL(url).searchParams.has('query'), status])).toEqual([[false, 200]]);
  });

  it('on a server whose trusted documents lack its operation, sends the text once (APQ), then the hash alone', async () => {
    const unlisted = await startServer({ trusted: new TrustedDocuments(new Map()) });
    try {
      const sent: [boolean, string][] = [];
      page.on('response', async (response) => {
        if (!response.url().startsWith(`${unlisted.url}/graphql`)) return;
        const answer = (await response.json()) as { errors?: { extensions: { code: string } }[] };
        sent.push([new URL(response.url()).searchParams.has('query'), answer.errors?.[0].extensions.code ?? 'ok']);
      });
      await page.setContent(`<!doctype html><html lang="en"><head><title>Partner</title><script src="${unlisted.url}/embed.js" async></script></head><body>
        <quipu-news id="mining" channel="mining" limit="2"></quipu-news></body></html>`);
      await settled('mining');
      await expect(widget('mining').getAttribute('data-state')).resolves.toBe('ready');
      expect(sent).toEqual([
        [false, 'PERSISTED_QUERY_NOT_FOUND'],
        [true, 'ok'],
      ]);
      sent.length = 0;
      await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<quipu-news id="again" channel="mining" limit="2"></quipu-news>'));
      await settled('again');
      expect(sent).toEqual([[false, 'ok']]);
    } finally {
      await unlisted.close();
    }
  });

  it("the widget's GET passes CORS (with its preflight) and is cacheable: Cache-Control, ETag, 304", async () => {
    const urls: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${quipu.url}/graphql`)) urls.push(request.url());
    });
    await page.goto(`${partnerOrigin}/widget`);
    await settled('mining');
    await expect(widget('mining').getAttribute('data-state')).resolves.toBe('ready');

    // What Chromium asked before the cross-origin GET with its custom header.
    const preflight = await fetch(urls.at(-1)!, {
      method: 'OPTIONS',
      headers: { origin: partnerOrigin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-apollo-operation-name' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-apollo-operation-name/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);

    const headers = { origin: partnerOrigin, 'x-apollo-operation-name': 'EmbedChannel' };
    const response = await fetch(urls.at(-1)!, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/^public\b/);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(urls.at(-1)!, { headers: { ...headers, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('works from the keyboard, with the links in tab order', async () => {
    await page.goto(`${partnerOrigin}/widget`);
    await settled('mining');
    await page.keyboard.press('Tab');
    const focused = await widget('mining').evaluate((element) => element.shadowRoot!.activeElement?.getAttribute('href') ?? null);
    const first = await widget('mining').evaluate((element) => element.shadowRoot!.querySelector('.articles a')!.getAttribute('href'));
    expect(focused).toBe(first);
    const outline = await widget('mining').evaluate((element) => getComputedStyle(element.shadowRoot!.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('takes its look from --quipu-* custom properties, and stills its loading pulse for reduced motion', async () => {
    await page.goto(`${partnerOrigin}/widget`);
    await settled('mining');
    await page.addStyleTag({ content: 'quipu-news { --quipu-link: rgb(10, 20, 30); --quipu-radius: 3px; --quipu-font: monospace; }' });
    const look = await widget('mining').evaluate((element) => {
      const root = element.shadowRoot!;
      return {
        link: getComputedStyle(root.querySelector('.articles a')!).color,
        radius: getComputedStyle(root.querySelector('.quipu')!).borderTopLeftRadius,
        font: getComputedStyle(root.querySelector('.quipu')!).fontFamily,
      };
    });
    expect(look).toEqual({ link: 'rgb(10, 20, 30)', radius: '3px', font: 'monospace' });

    const pulse = () =>
      widget('mining').evaluate((element) => {
        const box = element.shadowRoot!.querySelector('.quipu')!;
        box.setAttribute('aria-busy', 'true');
        const name = getComputedStyle(element.shadowRoot!.querySelector('.status')!, '::before').animationName;
        box.setAttribute('aria-busy', 'false');
        return name;
      });
    await expect(pulse()).resolves.toBe('quipu-pulse');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(pulse()).resolves.toBe('none');
  });

  it('says politely what is wrong, shows its fallback link, and sends a partner key as a bearer token', async () => {
    const authorizations: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${quipu.url}/graphql`) && request.url().includes('%22first%22%3A1')) authorizations.push(request.headers().authorization);
    });
    // Console warnings are expected here (checked below): the widget explains itself to the partner's developer.
    await page.goto(`${partnerOrigin}/broken`);
    await settled('unknown');
    await settled('too-many');
    const status = (id: string) =>
      widget(id).evaluate((element) => {
        const status = element.shadowRoot!.querySelector('.status')!;
        return { role: status.getAttribute('role'), text: status.textContent };
      });
    await expect(status('unknown')).resolves.toEqual({ role: 'status', text: 'The news could not be loaded: there is no channel "no-such-channel".' });
    await expect(status('too-many')).resolves.toEqual({ role: 'status', text: 'The news could not be loaded: limit must be a whole number from 1 to 20, got "50".' });
    // The API's refusal is for the developer, in the console; the reader gets plain words.
    await settled('refused');
    await expect(status('refused')).resolves.toEqual({ role: 'status', text: 'The news could not be loaded: the news server turned the request down.' });
    // The fallback link is slotted into the error state, so the reader still has somewhere to go.
    await expect(page.getByRole('link', { name: 'Latest news' }).isVisible()).resolves.toBe(true);

    await settled('keyed');
    await expect(widget('keyed').getAttribute('data-state')).resolves.toBe('ready');
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations.every((value) => value === `Bearer ${partnerKey}`)).toBe(true);
    // The widget's own warnings, for the developer, are expected here: each names its element.
    const warnings = problems.filter((problem) => problem.startsWith('console warning: <quipu-news'));
    expect(warnings.sort()).toEqual([
      'console warning: <quipu-news channel="mining">: The partner key is unknown or revoked',
      'console warning: <quipu-news channel="mining">: limit must be a whole number from 1 to 20, got "50"',
      'console warning: <quipu-news channel="no-such-channel">: there is no channel "no-such-channel"',
    ]);
    // So is Chromium's line about the refused request's 401.
    const refused: string = 'console error: Failed to load resource: the server responded with a status of 401 (Unauthorized)';
    expect(problems).toContain(refused);
    problems = problems.filter((problem) => !warnings.includes(problem) && problem !== refused);
  });

  it('without JavaScript, the fallback link and the iframe page still work', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${partnerOrigin}/widget`);
      const fallback = plain.getByRole('link', { name: 'Latest on mining' });
      await expect(fallback.isVisible()).resolves.toBe(true);
      await expect(fallback.getAttribute('href')).resolves.toBe(`${quipu.url}/embed/mining`);
      await fallback.click();
      await plain.waitForURL(`${quipu.url}/embed/mining`);
      const expected = await channel('mining', 5);
      await expect(plain.locator('.articles > li').count()).resolves.toBe(expected.articles.nodes.length);
      await expect(plain.locator('.articles > li a').first().getAttribute('href')).resolves.toBe(expected.articles.nodes[0].url);
    } finally {
      await noScript.close();
    }
  });

  it('sizes the iframe to its content by a message to the partner origin only, and ignores heights from other origins', async () => {
    await page.goto(`${partnerOrigin}/frame`);
    const received = () => page.evaluate(() => (window as unknown as { received: { origin: string; data: { type?: string; channel?: string; height?: number } }[] }).received);
    await page.waitForFunction((quipuOrigin) => (window as unknown as { received: { origin: string }[] }).received.some((m) => m.origin === quipuOrigin), quipu.url);

    const frame = page.frames().find((f) => f.url().startsWith(`${quipu.url}/embed/mining`)) as Frame;
    const expected = await channel('mining', 5);
    await expect(frame.locator('.articles > li').count()).resolves.toBe(expected.articles.nodes.length);
    const contentHeight = await frame.evaluate(() => Math.ceil(document.querySelector('.quipu')!.getBoundingClientRect().height));
    const fromQuipu = (await received()).filter((m) => m.origin === quipu.url);
    expect(fromQuipu.at(-1)!.data).toEqual({ type: HEIGHT_MESSAGE, channel: 'mining', height: contentHeight });
    await page.waitForFunction((height) => document.querySelector('iframe[src*="/embed/mining"]').style.height === `${height}px`, contentHeight);

    // The impostor's message reached the page, and embed.js left its frame alone.
    await page.waitForFunction((other) => (window as unknown as { received: { origin: string }[] }).received.some((m) => m.origin === other), otherOrigin);
    await expect(page.locator('#impostor').evaluate((frame: BrowserElement) => frame.style.height)).resolves.toBe('50px');
    // The frame told another parent origin posted nothing this page could receive.
    await page
      .frames()
      .find((f) => f.url().includes('/embed/politics'))!
      .waitForLoadState('load');
    expect((await received()).filter((m) => m.data?.channel === 'politics')).toEqual([]);
    // Chromium says it refused that frame's message: expected, for a frame told the wrong parent.
    problems = problems.filter((problem) => problem !== refusedPostMessage(otherOrigin, partnerOrigin));
  });

  it('sizes a frame that loaded before embed.js did, by asking it again', async () => {
    await page.goto(`${partnerOrigin}/late`);
    const frame = page.frames().find((f) => f.url().startsWith(`${quipu.url}/embed/mining`)) as Frame;
    await frame.waitForLoadState('load');
    const contentHeight = await frame.evaluate(() => Math.ceil(document.querySelector('.quipu')!.getBoundingClientRect().height));
    expect(contentHeight).toBeGreaterThan(80);
    await page.waitForFunction((height) => document.querySelector('#late').style.height === `${height}px`, contentHeight);
  });
  it("asks only frames that have loaded: the docs' iframe recipe below the fold leaves the console clean, and is sized once it loads", async () => {
    await page.goto(`${partnerOrigin}/recipe`);
    await page.waitForFunction(() => window.customElements.get('quipu-news') !== undefined);
    await page.waitForLoadState('load');
    // embed.js has run, and the lazy frame, out of view, still holds its first, empty document.
    expect(page.frames().some((frame) => frame.url().startsWith(`${quipu.url}/embed/`))).toBe(false);
    expect(problems).toEqual([]);

    await page.locator('iframe').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('iframe').style.height !== '500px');
    const frame = page.frames().find((f) => f.url().startsWith(`${quipu.url}/embed/mining`)) as Frame;
    const contentHeight = await frame.evaluate(() => Math.ceil(document.querySelector('.quipu')!.getBoundingClientRect().height));
    await page.waitForFunction((height) => document.querySelector('iframe').style.height === `${height}px`, contentHeight);
  });

  it('leaves out exactly the undated pages the feeds leave out, channel by channel, on the seed', async () => {
    await page.goto(`${partnerOrigin}/channels`);
    let undated = 0;
    for (const slug of slugs) {
      await settled(slug);
      await expect(widget(slug).getAttribute('data-state')).resolves.toBe('ready');
      const shown = await widget(slug).evaluate((element) =>
        Array.from<BrowserElement>(element.shadowRoot!.querySelectorAll('.articles > li a.title')).map((link) => [link.textContent, link.getAttribute('href')]),
      );
      const feed = await feedItems(quipu, slug, MAX_LIMIT);
      expect([slug, shown]).toEqual([slug, feed]);
      const framed = await (await fetch(`${quipu.url}/embed/${slug}?limit=${MAX_LIMIT}`)).text();
      const listed = [...framed.matchAll(/<a class="title" href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [
        m[2]
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'"),
        m[1].replace(/&amp;/g, '&'),
      ]);
      expect([slug, listed]).toEqual([slug, feed]);
      // What the API answers holds undated pages the feed and the widget leave out.
      const answered = await channel(slug, MAX_LIMIT);
      undated += answered.articles.nodes.filter((article) => article.publishedAt === null).length;
      expect(shown.length).toBe(answered.articles.nodes.filter((article) => article.publishedAt !== null).length);
    }
    // The seed's standing pages (such as "PSG Aims") are in some channel's first page: the comparison above can fail.
    expect(undated).toBeGreaterThan(0);
    const aims = await Promise.all(slugs.map(async (slug) => (await channel(slug, MAX_LIMIT)).articles.nodes.some((article) => article.title === 'PSG Aims')));
    expect(aims).toContain(true);
  });

  it('writes days as every Quipu page does, in English, and in Spanish where the page is in Spanish', async () => {
    await page.goto(`${partnerOrigin}/languages`);
    await settled('english');
    await settled('spanish');
    const days = (id: string) =>
      widget(id).evaluate((element) => Array.from<BrowserElement>(element.shadowRoot!.querySelectorAll('time')).map((time) => [time.getAttribute('datetime'), time.textContent]));
    const english = await days('english');
    const spanish = await days('spanish');
    expect(english.length).toBeGreaterThan(0);
    expect(english).toEqual(english.map(([day]) => [day, formatDay(day, 'en')]));
    expect(spanish).toEqual(english.map(([day]) => [day, formatDay(day, 'es')]));
    expect(english[0][1]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(spanish[0][1]).toMatch(/^\d{1,2} de [a-z]+ de \d{4}$/);
    // The widget's own words follow the language too.
    await expect(widget('spanish').evaluate((element) => element.shadowRoot!.querySelector('.footer a')!.textContent)).resolves.toBe('Mining: feed RSS');

    for (const language of ['en', 'es'] as const) {
      await page.goto(`${quipu.url}/embed/mining?limit=5${language === 'es' ? '&lang=es' : ''}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      const framed = await page.locator('time').evaluateAll((times: BrowserElement[]) => times.map((time) => [time.getAttribute('datetime'), time.textContent]));
      expect(framed).toEqual(english.map(([day]) => [day, formatDay(day, language)]));
    }
  });

  for (const [width, height] of [
    [1366, 900],
    [390, 844],
  ]) {
    it(`has no serious accessibility problem at ${width}×${height}: the widget and the iframe page on a partner page, and the page for an unknown channel`, async () => {
      const sized = await browser.newContext({ viewport: { width, height } });
      try {
        const embedded = watch(await sized.newPage());
        await embedded.goto(`${partnerOrigin}/both`);
        await embedded.waitForSelector('quipu-news#mining[data-state="ready"]', { state: 'attached' });
        const frame = embedded.frames().find((f) => f.url().startsWith(`${quipu.url}/embed/politics`)) as Frame;
        await frame.waitForSelector('.articles');
        await expect(seriousViolations(embedded)).resolves.toEqual([]);
        await expect(seriousViolations(frame)).resolves.toEqual([]);
        // axe-core, run on the partner page, offers itself to the page's frames with the page's own origin:
        // Chromium refuses that for Quipu's frame and says so. The checker's message, not the embeds'.
        const checkerNoise = refusedPostMessage(partnerOrigin, quipu.url);

        const missingUrl = `${quipu.url}/embed/no-such-channel`;
        const missing = watch(await sized.newPage(), { url: missingUrl, status: 404 });
        const response = await missing.goto(missingUrl);
        expect(response!.status()).toBe(404);
        await expect(seriousViolations(missing)).resolves.toEqual([]);
        // A styled page: the list's look, not the browser's bare default.
        await expect(missing.locator('main').evaluate((main: BrowserElement) => getComputedStyle(main).borderTopStyle)).resolves.toBe('solid');
        problems = problems.filter((problem) => problem !== checkerNoise);
      } finally {
        await sized.close();
      }
    });
  }
});

describe("the widget's operation", () => {
  it("is partner.graphql's EmbedChannel, as the trusted documents hold it, and the built widget sends its hash", async () => {
    expect(EMBED_CHANNEL_QUERY).toMatch(/^query EmbedChannel\(\$slug: String!, \$first: Int!\) \{/);
    expect(trustedDocuments()[EMBED_CHANNEL_QUERY_HASH]).toBe(EMBED_CHANNEL_QUERY);
    // Built here, not read from what another block built: this block runs alone too.
    await bundleEmbed();
    expect(fs.readFileSync(path.join(embedPublicDir, 'embed.js'), 'utf8')).toContain(EMBED_CHANNEL_QUERY_HASH);
  });
});

describe('the iframe page and oEmbed over HTTP', () => {
  let quipu: TestServer;

  beforeAll(async () => {
    quipu = await startServer();
  });
  afterAll(async () => {
    await quipu?.close();
  });

  it('/embed/<channel> lists the channel server-side, with feed and oEmbed discovery links and a strict CSP', async () => {
    const response = await fetch(`${quipu.url}/embed/mining?limit=3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=300/);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    const api = await fetch(`${quipu.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ channel(slug: "mining") { title feeds { rss atom json } articles(first: 3) { nodes { url title } } } }' }),
    });
    const { channel } = ((await api.json()) as { data: { channel: { title: string; feeds: Record<string, string>; articles: { nodes: { url: string; title: string }[] } } } }).data;
    expect([...html.matchAll(/<a class="title" href="([^"]+)">/g)].map((m) => m[1])).toEqual(channel.articles.nodes.map((a) => a.url));
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="${channel.title} (RSS)" href="${channel.feeds.rss}">`);
    expect(html).toContain(`type="application/atom+xml"`);
    expect(html).toContain(`href="${channel.feeds.json}"`);
    const oembedLink = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(oembedLink).toBe(`${quipu.url}/oembed?url=${encodeURIComponent(`${quipu.url}/embed/mining?limit=3`)}&format=json`);
    expect((await fetch(oembedLink)).status).toBe(200);

    const etag = response.headers.get('etag')!;
    expect((await fetch(`${quipu.url}/embed/mining?limit=3`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('/embed/<unknown> is a 404 page in plain words that links every channel, keeping the parameters', async () => {
    const unknown = await fetch(`${quipu.url}/embed/no-such-channel?limit=3`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unknown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(unknown.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; /);
    const html = await unknown.text();
    const api = await fetch(`${quipu.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ channels { slug title } }' }),
    });
    const { channels } = ((await api.json()) as { data: { channels: { slug: string; title: string }[] } }).data;
    expect(channels.length).toBeGreaterThan(1);
    const links = [...html.matchAll(/<a class="title" href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1].replace(/&amp;/g, '&'), m[2]]);
    expect(links).toEqual(channels.map((channel) => [`${quipu.url}/embed/${channel.slug}?limit=3`, channel.title]));
    const text = bodyText(html);
    expect(text).toContain('There is no news list called “no-such-channel”.');
    // Words for a reader: nothing of the API's (query, slug, GraphQL, braces).
    expect(text).not.toMatch(/graphql|query|slug|[{}]/i);
  });

  it('/embed/<unknown>?lang=es is the same 404 page in Spanish', async () => {
    const unknown = await fetch(`${quipu.url}/embed/no-such-channel?lang=es`);
    expect(unknown.status).toBe(404);
    const html = await unknown.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html).toContain('<h1 id="heading">Esta lista de noticias no existe</h1>');
    expect(bodyText(html)).toContain('No hay ninguna lista de noticias llamada «no-such-channel». Estas son las listas que hay:');
    expect(html).toContain('<ul class="articles" aria-label="Listas de noticias">');
    expect(html).toContain(`href="${quipu.url}/embed/mining?lang=es"`);
  });

  it('/embed/<channel>?lang=es is a Spanish page, and keeps its language through oEmbed', async () => {
    const html = await (await fetch(`${quipu.url}/embed/mining?limit=2&lang=es-PE`)).text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html).toContain('type="application/rss+xml">Mining: feed RSS</a>');
    const oembedLink = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(oembedLink).toBe(`${quipu.url}/oembed?url=${encodeURIComponent(`${quipu.url}/embed/mining?limit=2&lang=es`)}&format=json`);
    const { html: frame } = (await (await fetch(oembedLink)).json()) as { html: string };
    expect(frame).toContain(`<iframe src="${quipu.url}/embed/mining?limit=2&amp;lang=es"`);
  });

  it('a bad limit or parent origin is a 400 page that says what is allowed', async () => {
    const limit = await fetch(`${quipu.url}/embed/mining?limit=21`);
    expect(limit.status).toBe(400);
    expect(await limit.text()).toContain('limit must be a whole number from 1 to 20, got &quot;21&quot;');
    const origin = await fetch(`${quipu.url}/embed/mining?parentOrigin=${encodeURIComponent('https://partner.example/news')}`);
    expect(origin.status).toBe(400);
    expect(await origin.text()).toContain('parentOrigin must be an http(s) origin');
    expect((await fetch(`${quipu.url}/embed/mining?parentOrigin=${encodeURIComponent('https://partner.example')}`)).status).toBe(200);
  });

  const oembed = (params: Record<string, string>) => fetch(`${quipu.url}/oembed?${new URLSearchParams(params)}`);

  it('/oembed answers a rich oEmbed 1.0 for an embed page, within maxwidth and maxheight', async () => {
    const url = `${quipu.url}/embed/mining-in-cajamarca?limit=2`;
    const response = await oembed({ url, format: 'json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    const api = await fetch(`${quipu.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ channel(slug: "mining-in-cajamarca") { title } }' }),
    });
    const { title } = ((await api.json()) as { data: { channel: { title: string } } }).data.channel;
    expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Quipu', provider_url: `${quipu.url}/`, title, cache_age: 3600 });
    expect(body.width).toBe(480);
    expect(body.html).toContain(`<iframe src="${url}" title="${title}: latest news from Quipu" width="480" height="${body.height}"`);
    expect(body.html).toContain(`<script async src="${quipu.url}/embed.js"></script>`);

    const bounded = (await (await oembed({ url, maxwidth: '300', maxheight: '120' })).json()) as Record<string, unknown>;
    expect([bounded.width, bounded.height]).toEqual([300, 120]);
    expect(bounded.html).toContain('max-width:300px;height:120px;max-height:120px');
    const roomy = (await (await oembed({ url, maxwidth: '2000' })).json()) as Record<string, unknown>;
    expect(roomy.width).toBe(480);
  });

  it('/oembed: no url is 400, xml is 501, and a URL that is not an embed page here is 404', async () => {
    const missing = await oembed({ format: 'json' });
    expect(missing.status).toBe(400);
    const error = ((await missing.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0];
    expect(error.message).toBe(`url is required: the address of an embed page, such as ${quipu.url}/embed/mining`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameter: 'url' });

    expect((await oembed({ url: `${quipu.url}/embed/mining`, format: 'xml' })).status).toBe(501);
    expect((await oembed({ url: `${quipu.url}/embed/mining`, maxwidth: 'wide' })).status).toBe(400);
    for (const url of ['https://elsewhere.example/embed/mining', `${quipu.url}/explore`, `${quipu.url}/embed/no-such-channel`, 'not a url']) {
      const response = await oembed({ url });
      expect([url, response.status]).toEqual([url, 404]);
      const error = ((await response.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0];
      expect(error.message).toMatch(/^url /);
      expect(error.extensions.code).toBe('NOT_FOUND');
    }
  });
});
