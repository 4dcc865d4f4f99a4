import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundleExplorer } from '../src/explore/bundle';
import { chromiumPath, describeInBrowser } from './support/browser';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

// Debian's chromium by default; CHROMIUM_PATH points elsewhere. EXPLORE_SCREENSHOT says where the
// screenshot goes (docs/explore.png is made with it); by default a temporary file.
const executablePath = chromiumPath;
const screenshotPath = process.env.EXPLORE_SCREENSHOT ?? path.join(os.tmpdir(), `quipu-explore-${process.pid}.png`);
const SEED_ARTICLES = 14;

jest.setTimeout(60_000);

describeInBrowser('the /explore page in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    await bundleExplorer();
    server = await startServer();
    // Without a sandbox: CI runs as root, where Chromium refuses to start with one.
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (!process.env.EXPLORE_SCREENSHOT) fs.rmSync(screenshotPath, { force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`request outside the server: ${request.url()}`);
    });
  });
  afterEach(async () => {
    await page.close();
    // Failed requests log console errors of their own (checked where expected); these never should.
    expect(problems.filter((problem) => !problem.startsWith('console error') || /Content Security Policy/i.test(problem))).toEqual([]);
  });

  /** Opens the page at `query` and waits until the article list has loaded (or failed). */
  async function open(query = ''): Promise<void> {
    await page.goto(`${server.url}/explore${query}`);
    await settled('articles');
  }

  /** Waits until a region has loaded or failed; returns which, with the message shown for it. */
  async function settled(id: 'articles' | 'network' | 'timeline'): Promise<{ state: string; message: string }> {
    await page.waitForSelector(`#${id}[data-state="ready"], #${id}[data-state="error"]`, { state: 'attached' });
    const message = page.locator(`#${id}-message`);
    return {
      state: (await page.locator(`#${id}`).getAttribute('data-state'))!,
      message: (await message.isVisible()) ? ((await message.textContent()) ?? '') : '',
    };
  }

  const searchIs = (search: string) => page.waitForURL((url) => url.search === search);

  async function totalCount(filter: object): Promise<number> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($filter: ArticleFilter) { articles(first: 0, filter: $filter) { totalCount } }', variables: { filter } }),
    });
    return ((await response.json()) as { data: { articles: { totalCount: number } } }).data.articles.totalCount;
  }

  const listed = () => page.locator('#articles > li').count();

  it('is served by the same server with its bundled assets, loading nothing from elsewhere', async () => {
    const response = await fetch(`${server.url}/explore`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = await fetch(`${server.url}/explore/assets/explore.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-encoding')).toBe('gzip');
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${server.url}/explore/assets/nope.js`)).status).toBe(404);

    await open();
    expect(await page.title()).toBe('Quipu explorer');
  });

  it('lists the articles with the evidence words highlighted', async () => {
    await open();
    expect(await listed()).toBe(SEED_ARTICLES);
    await expect(page.locator('#summary').textContent()).resolves.toBe(`${SEED_ARTICLES} articles match.`);
    // "Southern" in the Michiquillay title is the evidence for Southern Copper.
    const title = page.locator(`#articles > li[data-slug="${NEWS.michiquillay}"] h3`);
    const mark = title.locator('mark', { hasText: 'Southern' });
    await expect(mark.getAttribute('title')).resolves.toContain('Organisation: Southern Copper');
  });

  it('labels every control, and a filter picked with the keyboard narrows the list and lands in the URL', async () => {
    await open();
    for (const label of ['Search the text', 'Topic', 'Organisation', 'Place', 'Person', 'From', 'To']) {
      await expect(page.getByLabel(label, { exact: true }).count()).resolves.toBe(1);
    }
    const picker = page.getByLabel('Organisation', { exact: true });
    await picker.focus();
    await picker.selectOption('southern-copper');
    await searchIs('?organisation=southern-copper');
    await settled('articles');
    const expected = await totalCount({ organisations: { all: ['southern-copper'] } });
    expect(expected).toBeLessThan(SEED_ARTICLES);
    expect(await listed()).toBe(expected);
    const chip = page.getByRole('button', { name: 'Remove organisation Southern Copper' });
    await expect(chip.count()).resolves.toBe(1);
    // The picker was drawn anew with the new facets; the keyboard user is still on it.
    await expect(page.locator('#pick-organisation').evaluate((element) => element.matches(':focus'))).resolves.toBe(true);
  });

  it('opens a shared URL with its filters, search and dates applied', async () => {
    await open('?q=mining&from=2018-02-15&to=2018-03-31&topic=mining');
    await expect(page.getByLabel('Search the text').inputValue()).resolves.toBe('mining');
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('2018-02-15');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($filter: ArticleFilter) { articles(first: 0, search: "mining", filter: $filter) { totalCount } }',
        variables: { filter: { topics: { all: ['mining'] }, publishedFrom: '2018-02-15', publishedTo: '2018-03-31' } },
      }),
    });
    const expected = ((await response.json()) as { data: { articles: { totalCount: number } } }).data.articles.totalCount;
    expect(expected).toBeGreaterThan(0);
    expect(await listed()).toBe(expected);
  });

  it('keeps the feed links in <head> in step with the view: the one entity it shows, and the channels always', async () => {
    const entityFeeds = () => page.locator('head link[data-feed="entity"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    const channelFeeds = () => page.locator('head link[rel="alternate"]:not([data-feed])').count();
    await open('?topic=mining');
    const mining = ['rss', 'atom', 'json'].map((format) => `${server.url}/feeds/topic/mining.${format}`);
    await expect(entityFeeds()).resolves.toEqual(mining);
    const channels = await channelFeeds();
    expect(channels).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await settled('articles');
    await expect(entityFeeds()).resolves.toEqual([]);
    await page.goBack();
    await settled('articles');
    await expect(entityFeeds()).resolves.toEqual(mining);
    await expect(channelFeeds()).resolves.toBe(channels);
  });

  it('shows a clear message in place of a part whose request fails', async () => {
    await page.route(`${server.url}/graphql`, async (route) => {
      if (route.request().postData()?.includes('ExploreTimeline')) {
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Internal server error' }] }) });
      } else {
        await route.continue();
      }
    });
    await open();
    await expect(settled('timeline')).resolves.toEqual({ state: 'error', message: 'The timeline could not be loaded: Internal server error.' });
    await expect(page.getByRole('alert').filter({ hasText: 'timeline' }).isVisible()).resolves.toBe(true);
    expect(await listed()).toBe(SEED_ARTICLES);
  });

  // The next three need the `links` and `timeline` queries of the analyst API.

  it('draws the link network for the seed data, and a click on a node narrows the list', async () => {
    await open();
    await expect(settled('network')).resolves.toEqual({ state: 'ready', message: '' });
    await expect(settled('timeline')).resolves.toEqual({ state: 'ready', message: '' });
    await page.screenshot({ path: screenshotPath, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1600 } });
    expect(fs.statSync(screenshotPath).size).toBeGreaterThan(20_000);

    const nodes = await page.evaluate(() => {
      const cy = (globalThis as unknown as { quipuExplorer: { network(): import('cytoscape').Core } }).quipuExplorer.network();
      return cy.nodes().map((node) => ({ kind: node.data('kind') as string, slug: node.data('slug') as string, count: node.data('count') as number, ...node.renderedPosition() }));
    });
    expect(nodes.length).toBeGreaterThan(3);
    // The node in the fewest articles, so that filtering by it must narrow the list.
    const target = nodes.reduce((a, b) => (b.count < a.count ? b : a));
    const box = (await page.locator('#network').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);

    const param = { TOPIC: 'topic', ORGANISATION: 'organisation', PLACE: 'place', PERSON: 'person' }[target.kind]!;
    await searchIs(`?${param}=${target.slug}`);
    await settled('articles');
    const field = { TOPIC: 'topics', ORGANISATION: 'organisations', PLACE: 'places', PERSON: 'people' }[target.kind]!;
    const expected = await totalCount({ [field]: { all: [target.slug] } });
    expect(expected).toBeLessThan(SEED_ARTICLES);
    expect(await listed()).toBe(expected);
    await expect(settled('network')).resolves.toEqual({ state: 'ready', message: '' });
  });

  it("offers the network's entities to the keyboard: Enter on one filters by it", async () => {
    await open();
    await expect(settled('network')).resolves.toEqual({ state: 'ready', message: '' });
    const entity = page.locator('#entities button').last();
    const key = (await entity.getAttribute('data-key'))!;
    await entity.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search !== '');
    await settled('articles');
    expect(await listed()).toBeLessThan(SEED_ARTICLES);
    await settled('network');
    const chosen = page.locator(`#entities button[data-key="${key}"]`);
    await expect(chosen.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(chosen.evaluate((element) => element.matches(':focus'))).resolves.toBe(true);
  });

  it('draws the timeline by month, with the same numbers in a table', async () => {
    await open();
    await expect(settled('timeline')).resolves.toEqual({ state: 'ready', message: '' });
    await expect(page.locator('#timeline canvas').count()).resolves.toBeGreaterThan(0);
    const rows = await page.locator('#timeline-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, Number(tr.children[1]!.textContent)]));
    expect(rows).toEqual([
      ['Feb 2018', 7],
      ['Mar 2018', 3],
    ]);
  });
});
