import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildTopicPage, serveTopicPage } from '../examples/topic-page/serve';
import { formatDay, formatMonth } from '../src/core/dates';
import { bundleGraphiQL } from '../src/graphiql/bundle';
import { readDocumentedOperations } from '../src/graphiql/operations';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { startServer, type TestServer } from './support/server';

// Debian's chromium by default; CHROMIUM_PATH points elsewhere. GRAPHIQL_SCREENSHOT and
// TOPIC_PAGE_SCREENSHOT, if set, are where screenshots of GraphiQL with a result and of the example
// page go (docs/graphiql.png and docs/topic-page.png are those).
const executablePath = chromiumPath;
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const operations = readDocumentedOperations(path.resolve(__dirname, '../schema/operations'));
// Functions passed to evaluate() run in Chromium; the tests' own types have no DOM, so this stands in.
type BrowserElement = any;

jest.setTimeout(90_000);

/** What the API itself says, POSTed without the client, to compare the pages against. */
async function apiTopic(server: TestServer, slug: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'query ($slug: String!) { topic(slug: $slug) { name description articles(first: 100) { totalCount nodes { slug title } facets { places { count place { name } } organisations { count organisation { name } } } } } }',
      variables: { slug },
    }),
  });
  const body = (await response.json()) as {
    data: {
      topic: {
        name: string;
        description: string;
        articles: {
          totalCount: number;
          nodes: { slug: string; title: string }[];
          facets: { places: { count: number; place: { name: string } }[]; organisations: { count: number; organisation: { name: string } }[] };
        };
      };
    };
  };
  return body.data.topic;
}

describe('GET /graphql from a browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    await bundleGraphiQL();
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('is the GraphiQL page, with a policy that lets it load only from this server', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('vary')).toMatch(/accept/i);
    expect(await response.text()).toContain('/graphiql/assets/graphiql.js');
    const script = await fetch(`${server.url}/graphiql/assets/graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${server.url}/graphiql/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/graphiql/assets/__proto__`)).status).toBe(404);
  });

  it('stays GraphQL for every other request: a query, a persisted query, or an Accept that does not prefer HTML', async () => {
    const query = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' } });
    expect(await query.json()).toMatchObject({ data: { __typename: 'Query' } });
    const persisted = await fetch(`${server.url}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } }))}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(persisted.headers.get('content-type')).toMatch(/json/);
    for (const accept of ['*/*', 'application/json', 'application/json, text/html;q=0.5']) {
      const response = await fetch(`${server.url}/graphql`, { headers: { accept, 'apollo-require-preflight': 'true' } });
      expect([accept, response.headers.get('content-type')]).toEqual([accept, expect.stringMatching(/json/)]);
    }
  });
});

describeInBrowser('GraphiQL and the example topic page in headless Chromium, offline', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let pageServer: Server;
  let pageUrl: string;
  let api: string;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-topic-page-'));

  beforeAll(async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    await Promise.all([bundleGraphiQL(), buildTopicPage(outDir)]);
    server = await startServer();
    // The example page is a partner site: its own port, so its requests to Quipu are cross-origin
    // (a GET with the x-apollo-operation-name header: CORS preflighted).
    const served = await serveTopicPage({ dir: outDir });
    pageServer = served.server;
    pageUrl = served.url;
    api = `${server.url}/graphql`;
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    // Set-up may have failed before the page server started: then there is nothing to close (and no callback would come).
    if (pageServer) await new Promise((resolve) => pageServer.close(resolve));
    await server?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    problems = [];
    // Offline: anything but the two local servers is blocked, and counted as a failure.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith(pageUrl)) return route.continue();
      problems.push(`request outside this machine's servers: ${url}`);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
  });
  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  it('GraphiQL loads from /graphql with nothing from the internet, one tab per documented operation', async () => {
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector('.graphiql-container');
    const tabs = page.locator('.quipu-tabs li');
    await expect(tabs.count()).resolves.toBe(operations.length);
    const titles = await page.locator('.quipu-tabs li > button:first-child').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(operations.map((operation) => operation.name));
    // The schema came by introspection: the documentation explorer lists the root types.
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await expect(page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().isVisible()).resolves.toBe(true);
    // A dialog adds its own <style> while open: the page's policy allows inline styles (not scripts).
    await page.getByRole('button', { name: /open settings dialog/i }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    // Each tab opens with its own example variables.
    const partner = operations.findIndex((operation) => operation.name === 'LatestOnTopicInPlace');
    await page.locator('.quipu-tabs li > button:first-child').nth(partner).click();
    await page.locator('.graphiql-editor-tool .CodeMirror').getByText('"cajamarca"').waitFor();
  });

  it('GraphiQL runs an example operation and shows its result', async () => {
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector('.quipu-tabs li');
    // The first tab is TopicPage with its example variables ({ "slug": "mining", ... }).
    const expected = await apiTopic(server, 'mining');
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url() === `${server.url}/graphql` && request.method() === 'POST') requests.push(request.postData() ?? '');
    });
    await page.locator('.graphiql-editor-tool .CodeMirror').getByText('"mining"').waitFor();
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect(response.getByText(`"name": "${expected.name}"`).first().waitFor()).resolves.toBeUndefined();
    expect(requests.some((body) => (JSON.parse(body) as { operationName?: string }).operationName === 'TopicPage')).toBe(true);
    await expect(response.textContent()).resolves.not.toMatch(/"errors"/);
    if (process.env.GRAPHIQL_SCREENSHOT) await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT });
  });

  it(`the example topic page shows the topic, its latest articles and its facets (the API's answer)`, async () => {
    const expected = await apiTopic(server, 'mining');
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${server.url}/graphql`)) requests.push(`${request.method()} ${new URL(request.url()).searchParams.has('query') ? 'with text' : 'hash only'}`);
    });
    await page.goto(`${pageUrl}/?topic=mining&api=${encodeURIComponent(api)}`);
    await page.waitForSelector('#articles[data-state="ready"]');
    // One cross-origin GET by hash: TopicPage is a trusted document, so the server knows it already.
    expect(requests.filter((request) => !request.startsWith('OPTIONS'))).toEqual(['GET hash only']);
    await expect(page.locator('h1').textContent()).resolves.toBe(expected.name);
    await expect(page.locator('#topic-description').textContent()).resolves.toBe(expected.description);
    const titles = await page.locator('#articles h3').allTextContents();
    expect(titles).toEqual(expected.articles.nodes.slice(0, 10).map((article) => article.title));
    const places = await page.locator('#facet-places li').allTextContents();
    expect(places).toEqual(expected.articles.facets.places.map(({ count, place }) => `${place.name}${count}`));
    expect(places.length).toBeGreaterThan(0);
    const organisations = await page.locator('#facet-organisations li').allTextContents();
    expect(organisations).toEqual(expected.articles.facets.organisations.map(({ count, organisation }) => `${organisation.name}${count}`));
    await expect(page.locator('#page-label').textContent()).resolves.toBe(`1–${Math.min(10, expected.articles.totalCount)} of ${expected.articles.totalCount}`);
    if (process.env.TOPIC_PAGE_SCREENSHOT) await page.screenshot({ path: process.env.TOPIC_PAGE_SCREENSHOT, fullPage: true });
  });

  it('the example topic page pages through the articles, older and back to newer', async () => {
    const expected = await apiTopic(server, 'mining');
    expect(expected.articles.totalCount).toBeGreaterThan(2);
    await page.goto(`${pageUrl}/?topic=mining&size=2&api=${encodeURIComponent(api)}`);
    await page.waitForSelector('#articles[data-state="ready"]');
    const titles = () => page.locator('#articles h3').allTextContents();
    const all = expected.articles.nodes.map((article) => article.title);
    await expect(titles()).resolves.toEqual(all.slice(0, 2));
    await expect(page.locator('#newer').isDisabled()).resolves.toBe(true);

    await page.locator('#older').click();
    await page.waitForSelector('#articles[data-state="ready"]');
    await expect(page.locator('#page-label').textContent()).resolves.toBe(`3–${Math.min(4, all.length)} of ${all.length}`);
    await expect(titles()).resolves.toEqual(all.slice(2, 4));

    await page.locator('#newer').click();
    await page.waitForSelector('#articles[data-state="ready"]');
    await expect(titles()).resolves.toEqual(all.slice(0, 2));
    await expect(page.locator('#newer').isDisabled()).resolves.toBe(true);
  });

  it('the example topic page says so for a topic that does not exist, and for an API that fails', async () => {
    await page.goto(`${pageUrl}/?topic=no-such-topic&api=${encodeURIComponent(api)}`);
    await page.waitForSelector('#articles[data-state="empty"]', { state: 'attached' });
    await expect(page.locator('h1').textContent()).resolves.toBe('No such topic');

    await page.goto(`${pageUrl}/?topic=mining&size=500&api=${encodeURIComponent(api)}`);
    await page.waitForSelector('#articles[data-state="error"]', { state: 'attached' });
    await expect(page.locator('#status').textContent()).resolves.toContain('first must be between 0 and 100, got 500');
    // The failed request logs a console error of its own; nothing else may.
    problems = problems.filter((problem) => !/status of 400/.test(problem));
  });

  it("the example topic page links each title to the article's page, and each facet to the explorer's view of it", async () => {
    await page.goto(`${pageUrl}/?topic=mining&api=${encodeURIComponent(api)}`);
    await page.waitForSelector('#articles[data-state="ready"]');
    const titles = await page
      .locator('#articles li')
      .evaluateAll((items: BrowserElement[]) =>
        items.map((item) => [item.dataset.slug, item.querySelector('h3 a')?.textContent, item.querySelector('h3 a')?.getAttribute('href')]),
      );
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toEqual(titles.map(([slug, title]) => [slug, title, `${server.url}/articles/${slug}`]));
    const article = await fetch(titles[0][2] as string);
    expect(article.status).toBe(200);
    expect(await article.text()).toContain(titles[0][1] as string);

    const facet = (id: string) => page.locator(`#${id} li a`).evaluateAll((links: BrowserElement[]) => links.map((link) => link.getAttribute('href')));
    const places = await facet('facet-places');
    const expected = await apiTopic(server, 'mining');
    expect(places.length).toBe(expected.articles.facets.places.length);
    expect(places.length).toBeGreaterThan(0);
    expect(new URL(places[0]).searchParams.get('topic')).toBe('mining');
    expect(new URL(places[0]).searchParams.get('place')).toMatch(/^[a-z0-9-]+$/);
    const organisations = await facet('facet-organisations');
    expect(organisations.length).toBe(expected.articles.facets.organisations.length);
    expect(new URL(organisations[0]).searchParams.get('organisation')).toMatch(/^[a-z0-9-]+$/);
    const months = await facet('facet-months');
    expect(months.length).toBeGreaterThan(0);
    const label = await page.locator('#facet-months li a').first().textContent();
    // A month facet is written as the page's days are ("March 2018"), and opens the explorer on that month's first to last day.
    const bounds = new URL(months[0]).searchParams;
    const month = bounds.get('from')!.slice(0, 7);
    expect(label).toBe(formatMonth(month, 'en'));
    expect(label).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    expect(bounds.get('from')).toBe(`${month}-01`);
    expect(bounds.get('to')?.slice(0, 7)).toBe(month);
    expect(new Date(Date.parse(`${bounds.get('to')}T00:00:00Z`) + 86_400_000).getUTCDate()).toBe(1);
    for (const href of [places[0], organisations[0], months[0]]) {
      expect(href.startsWith(`${server.url}/explore?`)).toBe(true);
      expect((await fetch(href)).status).toBe(200);
    }
  });

  it('the example topic page writes days as every Quipu page does, in English and in Spanish', async () => {
    const days = async (language: string) => {
      await page.goto(`${pageUrl}/?topic=mining&lang=${language}&api=${encodeURIComponent(api)}`);
      await page.waitForSelector('#articles[data-state="ready"]');
      return page.locator('#articles time').evaluateAll((times: BrowserElement[]) => times.map((time) => [time.getAttribute('datetime'), time.textContent, time.lang]));
    };
    const english = await days('en');
    expect(english.length).toBeGreaterThan(0);
    expect(english).toEqual(english.map(([day]) => [day, formatDay(day, 'en'), 'en']));
    expect(english[0][1]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    const spanish = await days('es');
    expect(spanish).toEqual(english.map(([day]) => [day, formatDay(day, 'es'), 'es']));
    expect(spanish[0][1]).toMatch(/^\d{1,2} de [a-z]+ de \d{4}$/);
  });

  it('the example topic page without api= explains where to point it, and sends nothing', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(pageUrl)) requests.push(request.url());
    });
    await page.goto(`${pageUrl}/?topic=mining`);
    await page.waitForSelector('#articles[data-state="setup"]', { state: 'attached' });
    await expect(page.locator('h1').textContent()).resolves.toBe('Which Quipu should this page read from?');
    const explanation = (await page.locator('#topic-description').textContent()) ?? '';
    expect(explanation).toContain('its address does not say which one');
    expect(explanation).not.toMatch(/TypeError|Failed to fetch/);
    const offered = page.getByRole('link', { name: 'this page with that server' });
    await expect(offered.getAttribute('href')).resolves.toBe(`${pageUrl}/?topic=mining&api=${encodeURIComponent('http://localhost:4000/graphql')}`);
    await expect(page.locator('.layout').isVisible()).resolves.toBe(false);
    expect(requests).toEqual([]);
  });

  for (const [width, height] of [
    [1366, 900],
    [390, 844],
  ]) {
    it(`the example topic page has no serious accessibility problem at ${width}×${height}, with a topic and without api=`, async () => {
      await page.setViewportSize({ width, height });
      await page.goto(`${pageUrl}/?topic=mining&api=${encodeURIComponent(api)}`);
      await page.waitForSelector('#articles[data-state="ready"]');
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await page.goto(`${pageUrl}/?topic=mining`);
      await page.waitForSelector('#articles[data-state="setup"]', { state: 'attached' });
      await expect(seriousViolations(page)).resolves.toEqual([]);
    });
  }
});
