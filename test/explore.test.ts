import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundleExplorer } from '../src/explore/bundle';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { parseCsv, parseXml } from './support/files';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

// Debian's chromium by default; CHROMIUM_PATH points elsewhere. EXPLORE_SCREENSHOT says where the
// screenshot goes (docs/explore.png is made with it); by default a temporary file.
const executablePath = chromiumPath;
const screenshotPath = process.env.EXPLORE_SCREENSHOT ?? path.join(os.tmpdir(), `quipu-explore-${process.pid}.png`);
const SEED_ARTICLES = 14;
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

jest.setTimeout(60_000);

describeInBrowser('the /explore page in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** Console errors: none on a page whose requests all succeed (a failed request logs one of its own). */
  let consoleErrors: string[];
  let expectConsoleErrors: boolean;

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
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
    problems = [];
    consoleErrors = [];
    expectConsoleErrors = false;
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`request outside the server: ${request.url()}`);
    });
  });
  afterEach(async () => {
    await page.close();
    expect(problems).toEqual([]);
    // Failed requests log console errors of their own, in the tests that make them fail; a policy refusal never should.
    expect(expectConsoleErrors ? consoleErrors.filter((error) => /Content Security Policy/i.test(error)) : consoleErrors).toEqual([]);
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

  async function totalCount(filter: object, search?: string): Promise<number> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($filter: ArticleFilter, $search: String) { articles(first: 0, filter: $filter, search: $search) { totalCount } }',
        variables: { filter, search },
      }),
    });
    return ((await response.json()) as { data: { articles: { totalCount: number } } }).data.articles.totalCount;
  }

  const listed = () => page.locator('#articles > li').count();
  const listedSlugs = () => page.locator('#articles > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-slug')));
  /** The /graphql requests the page makes from now on. */
  function countRequests(): { count: number } {
    const seen = { count: 0 };
    page.on('request', (request) => {
      if (request.url() === `${server.url}/graphql`) seen.count += 1;
    });
    return seen;
  }

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

  it('says in plain words, once, which part failed, and keeps the rest of the page working', async () => {
    expectConsoleErrors = true;
    await page.route(`${server.url}/graphql`, async (route) => {
      if (route.request().postData()?.includes('ExploreTimeline')) {
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'Internal server error' }] }) });
      } else {
        await route.continue();
      }
    });
    await open();
    await expect(settled('timeline')).resolves.toEqual({ state: 'error', message: '' });
    await expect(page.getByRole('alert').allTextContents()).resolves.toEqual(['The timeline could not be loaded: something went wrong on the server; try again in a moment.']);
    expect(await listed()).toBe(SEED_ARTICLES);
  });

  it('when the server cannot be reached, says so once for every part, and Try again loads the view', async () => {
    expectConsoleErrors = true;
    await page.route(`${server.url}/graphql`, (route) => route.abort('connectionrefused'));
    await open();
    await settled('network');
    await settled('timeline');
    const alerts = page.getByRole('alert');
    await expect(alerts.allTextContents()).resolves.toEqual([
      'The article list, the link network and the timeline could not be loaded: the server could not be reached; check the connection, then try again.',
    ]);
    await page.unroute(`${server.url}/graphql`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForSelector('#articles[data-state="ready"]', { state: 'attached' });
    expect(await listed()).toBe(SEED_ARTICLES);
    await expect(page.locator('#problem').isHidden()).resolves.toBe(true);
  });

  it('names an unknown slug of a shared address in plain words, and what to do', async () => {
    expectConsoleErrors = true;
    await open('?topic=minning');
    // Each region fails on its own request: the message is whole once the last has failed.
    await page.getByRole('alert').filter({ hasText: 'the link network and the timeline' }).waitFor();
    await expect(page.getByRole('alert').allTextContents()).resolves.toEqual([
      'The article list, the link network and the timeline could not be loaded: Quipu knows no topic “minning”; remove it from the filters.',
    ]);
    await page.getByRole('button', { name: 'Remove topic minning' }).click();
    await searchIs('');
    await settled('articles');
    expect(await listed()).toBe(SEED_ARTICLES);
    await expect(page.locator('#problem').isHidden()).resolves.toBe(true);
  });

  // The next three need the `links` and `timeline` queries of the analyst API.

  it('draws the link network for the seed data, and a click on a node narrows the list', async () => {
    await open();
    await expect(settled('network')).resolves.toEqual({ state: 'ready', message: '' });
    await expect(settled('timeline')).resolves.toEqual({ state: 'ready', message: '' });

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

  it('draws a whole view for the screenshot: two topics, the network, the timeline, the pairs and the articles', async () => {
    await page.setViewportSize(DESKTOP);
    await open('?topic=mining&topic=environment');
    await expect(settled('network')).resolves.toEqual({ state: 'ready', message: '' });
    await expect(settled('timeline')).resolves.toEqual({ state: 'ready', message: '' });
    await page.screenshot({ path: screenshotPath, fullPage: true, clip: { x: 0, y: 0, width: DESKTOP.width, height: 2000 } });
    expect(fs.statSync(screenshotPath).size).toBeGreaterThan(20_000);
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

  it('links each title to its article page, and says why the article is in the list', async () => {
    await open('?organisation=southern-copper');
    const item = page.locator(`#articles > li[data-slug="${NEWS.michiquillay}"]`);
    await expect(item.locator('.why summary').textContent()).resolves.toMatch(/^Why it is here: linked to Southern Copper/);
    await item.locator('.why summary').click();
    await expect(item.locator('.why li').first().textContent()).resolves.toMatch(/^Organisation Southern Copper Corporation: “Southern” in the title/);
    const link = item.locator('h3 a');
    await expect(link.getAttribute('href')).resolves.toBe(`/articles/${NEWS.michiquillay}`);
    await link.click();
    await page.waitForURL(`${server.url}/articles/${NEWS.michiquillay}`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Michiquillay');
  });

  it('writes each date in full, as every Quipu page does', async () => {
    await open('?organisation=southern-copper');
    const time = page.locator(`#articles > li[data-slug="${NEWS.michiquillay}"] time`);
    await expect(time.textContent()).resolves.toBe('24 February 2018');
    await expect(time.getAttribute('datetime')).resolves.toBe('2018-02-24');
  });

  it('a picker does not apply while the arrow keys move through it: no request, no change; Enter applies', async () => {
    await open();
    await settled('network');
    await settled('timeline');
    const requests = countRequests();
    const picker = page.locator('#pick-place');
    await picker.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const chosen = await picker.inputValue();
    expect(chosen).not.toBe('');
    await page.waitForTimeout(300);
    expect(requests.count).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('#pickers .chip').count()).resolves.toBe(0);

    await page.keyboard.press('Enter');
    await searchIs(`?place=${chosen}`);
    await settled('articles');
    expect(requests.count).toBe(3);
    await expect(page.locator('#pickers .chip').count()).resolves.toBe(1);
    expect(await listed()).toBe(await totalCount({ places: { any: [chosen] } }));
  });

  it('a repeated filter means what it means in the exports: any of them, or with .all every one, and the switch says which', async () => {
    await open('?topic=mining&topic=politics');
    const any = await totalCount({ topics: { any: ['mining', 'politics'] } });
    const all = await totalCount({ topics: { all: ['mining', 'politics'] } });
    expect(any).toBeGreaterThan(all);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${any} articles match`));
    await expect(page.getByRole('button', { name: 'About any of them' }).getAttribute('aria-pressed')).resolves.toBe('true');

    await page.getByRole('button', { name: 'About all of them' }).click();
    await searchIs('?topic.all=mining&topic.all=politics');
    await settled('articles');
    expect(await listed()).toBe(all);
    await expect(page.getByRole('button', { name: 'About all of them' }).getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('reads the older word q as search, and names the words of an export URL it has no control for', async () => {
    await open('?q=mining&topic.none=politics');
    await expect(page.getByLabel('Search the text').inputValue()).resolves.toBe('mining');
    expect(await listed()).toBe(await totalCount({}, 'mining'));
    await expect(page.locator('#notes').textContent()).resolves.toContain('The explorer has no control for topic.none, so this view and its downloads leave it out.');
    await expect(page.locator('#downloads a').first().getAttribute('href')).resolves.toBe('/export/articles.csv?search=mining');
  });

  it('downloads exactly the view: the articles files hold the articles it counts, the network files its network', async () => {
    for (const [view, filter] of [
      ['?topic.all=mining&topic.all=politics', { topics: { all: ['mining', 'politics'] } }],
      ['?topic=mining&topic=politics', { topics: { any: ['mining', 'politics'] } }],
    ] as const) {
      await open(view);
      const count = await totalCount(filter);
      await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${count} articles? match`));
      const links = await page.locator('#downloads a').evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(links.map(([label]) => label)).toEqual(['Articles (CSV)', 'Articles (NDJSON)', 'Network (GEXF, for Gephi)', 'Network (GraphML)', 'Network links (CSV)']);
      const file = async (index: number) => {
        const response = await fetch(`${server.url}${links[index][1]}`);
        expect(response.status).toBe(200);
        return response.text();
      };
      const rows = await parseCsv(await file(0));
      expect(rows.map((row) => row.slug)).toEqual(await listedSlugs());
      expect(rows).toHaveLength(count);
      expect((await file(1)).trim().split('\n')).toHaveLength(count);
      const nodes = Number(await page.locator('#network').getAttribute('data-nodes'));
      const gexf = parseXml(await file(2));
      expect([gexf.gexf.graph.nodes.node].flat()).toHaveLength(nodes);
      expect(await file(3)).toContain('<graphml');
    }
  });

  it('copies the API query of the view, which answers the articles the view lists', async () => {
    await open('?topic=mining&topic=politics&from=2018-02-01&kinds=topic,place');
    await page.getByRole('button', { name: 'Copy API query' }).click();
    // The clipboard answers asynchronously: the status is written once it has the text.
    await page.locator('#copy-status', { hasText: /^Copied the API query for this view\.$/ }).waitFor();
    const query = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(query).toContain('kinds: [TOPIC, PLACE]');
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await response.json()) as { data: { articles: { totalCount: number; nodes: { slug: string }[] }; links: { nodes: unknown[] } } };
    expect(body.data.articles.nodes.map((node) => node.slug)).toEqual(await listedSlugs());
    await expect(page.locator('#summary').textContent()).resolves.toMatch(new RegExp(`^${body.data.articles.totalCount} articles match`));
    expect(body.data.links.nodes).toHaveLength(Number(await page.locator('#network').getAttribute('data-nodes')));
  });

  it('when nothing matches, says so and offers to remove each filter', async () => {
    await open('?topic.all=mining&topic.all=politics&place=cusco');
    await expect(page.locator('#summary').textContent()).resolves.toBe('0 articles match.');
    const empty = page.locator('#articles-message');
    await expect(empty.locator('p').textContent()).resolves.toBe('No articles match this view: remove a filter to see more.');
    // The buttons name the entities once their names have loaded.
    for (const name of [/Topic Mining/, /Topic Politics/, /Place Cusco/]) await empty.getByRole('button').filter({ hasText: name }).waitFor();
    await expect(empty.getByRole('button').allTextContents()).resolves.toEqual(['Remove Topic Mining ×', 'Remove Topic Politics ×', 'Remove Place Cusco ×', 'Clear all filters']);
    await expect(page.locator('#timeline-message').textContent()).resolves.toBe('No dated articles to count: remove a filter, or widen the dates.');
    await empty.getByRole('button', { name: 'Remove Place Cusco ×' }).click();
    await searchIs('?topic.all=mining&topic.all=politics');
    await settled('articles');
    expect(await listed()).toBe(await totalCount({ topics: { all: ['mining', 'politics'] } }));
    await expect(empty.isHidden()).resolves.toBe(true);
  });

  it("lists the strongest pairs with the API's measures, sortable by count, Jaccard or lift", async () => {
    await open();
    await settled('network');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ links(first: 60) { edges { count jaccard lift } } }' }),
    });
    const edges = ((await response.json()) as { data: { links: { edges: { count: number; jaccard: number; lift: number }[] } } }).data.links.edges;
    const cells = () => page.locator('#pairs tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    const format = (value: number) => value.toFixed(2);
    const byCount = [...edges].sort((a, b) => b.count - a.count).slice(0, 10);
    expect((await cells()).map((row) => row[0])).toEqual(byCount.map((edge) => String(edge.count)));
    await page.getByRole('button', { name: 'Lift' }).click();
    await expect(page.locator('#pairs th[aria-sort="descending"]').textContent()).resolves.toBe('Lift ▼');
    const byLift = [...edges].sort((a, b) => b.lift - a.lift || b.count - a.count).slice(0, 10);
    expect((await cells()).map((row) => row[2])).toEqual(byLift.map((edge) => format(edge.lift)));
    expect((await cells()).map((row) => row[1])).toEqual(byLift.map((edge) => format(edge.jaccard)));
  });

  it('on a phone, shows the articles on the first screen and the filters in a drawer', async () => {
    await page.setViewportSize(PHONE);
    await open();
    const title = (await page.locator('#articles > li h3').first().boundingBox())!;
    expect(title.y + title.height).toBeLessThanOrEqual(PHONE.height);
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    const toggle = page.getByRole('button', { name: 'Filters' });
    await toggle.click();
    await expect(page.locator('#filters').isVisible()).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.locator('#pick-organisation').selectOption('southern-copper');
    await searchIs('?organisation=southern-copper');
    await page.getByRole('button', { name: 'Show the articles' }).click();
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Filters (1)' }).evaluate((element) => element.matches(':focus'))).resolves.toBe(true);
    await settled('articles');
    expect(await listed()).toBe(await totalCount({ organisations: { any: ['southern-copper'] } }));
  });

  for (const [name, size] of [
    ['a desktop', DESKTOP],
    ['a phone', PHONE],
  ] as const) {
    it(`has no serious or critical accessibility violations on ${name}, and a clean console`, async () => {
      await page.setViewportSize(size);
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      await open('?topic=mining&topic=environment');
      await settled('network');
      await settled('timeline');
      await page.locator('#articles .why summary').first().click();
      await expect(seriousViolations(page)).resolves.toEqual([]);
      if (size === PHONE) {
        await page.getByRole('button', { name: /^Filters/ }).click();
        await expect(seriousViolations(page)).resolves.toEqual([]);
      }
      expect(failed).toEqual([]);
    });
  }
});
