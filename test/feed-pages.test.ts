import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { parseXml } from './support/files';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

// What a reader sees on following a feed link or an article link in a browser: the feeds through
// Quipu's XSL stylesheet, and the server-rendered article page, at a laptop's and a phone's width.
const SIZES = [
  ['1366 × 900', { width: 1366, height: 900 }],
  ['390 × 844', { width: 390, height: 844 }],
] as const;

/** Chromium is phasing XSLT out and says so on every page made with it, in the console and a banner. */
const XSLT_DEPRECATION = /XSLT Processing Instructions have been deprecated/;

jest.setTimeout(60_000);

describeInBrowser('feeds and article pages in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    server = await startServer();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport: { width: number; height: number }): Promise<void> {
    page = await browser.newPage({ viewport });
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'warning' && XSLT_DEPRECATION.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`request outside the server: ${request.url()}`);
    });
    await page.goto(`${server.url}${path}`);
  }
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  /** The feed's items as a feed reader gets them. */
  async function feedItems(path: string): Promise<{ title: string; link: string }[]> {
    const text = await (await fetch(`${server.url}${path}`)).text();
    const xml = parseXml(text);
    if (xml.rss) return [xml.rss.channel.item].flat().map((item: any) => ({ title: item.title, link: item.link }));
    return [xml.feed.entry].flat().map((entry: any) => ({ title: entry.title['#text'], link: entry.link.href }));
  }

  /** Closes Chromium's XSLT banner with its own close button, whose inline handler the feed's policy lets run. */
  async function closeXsltBanner(): Promise<void> {
    const banner = page.locator('xslt-warning-banner');
    if ((await banner.count()) === 0) return;
    await banner.getByRole('button', { name: 'Close' }).click();
    await banner.waitFor({ state: 'detached' });
  }

  describe.each(SIZES)('at %s', (_size, viewport) => {
    it.each([
      ['an RSS channel feed', '/feeds/mining.rss', 'Mining'],
      ['an Atom subject feed', '/feeds/place/cajamarca.atom', 'Cajamarca (place)'],
    ])('%s reads as a page: what it is, how to follow it, its articles linking to their pages', async (_what, path, title) => {
      const items = await feedItems(path);
      expect(items.length).toBeGreaterThan(0);
      await open(path, viewport);
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      await expect(page.getByRole('heading', { name: 'Follow this feed' }).isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Address of this feed').inputValue()).resolves.toBe(`${server.url}${path}`);
      const links = page.locator('.items h3 a');
      await expect(links.allTextContents()).resolves.toEqual(items.map((item) => item.title));
      await expect(links.evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href))).resolves.toEqual(items.map((item) => item.link));
      await expect(page.locator('.items time').first().textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
      await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(viewport.width);
      await closeXsltBanner();
      await expect(seriousViolations(page)).resolves.toEqual([]);
    });

    it('an article page lists its related articles, each a link to its page, with no accessibility violations', async () => {
      await open(`/articles/${NEWS.students}`, viewport);
      const related = page.getByRole('region', { name: 'Related articles' }).getByRole('link');
      expect(await related.count()).toBeGreaterThan(0);
      const first = await related.first().textContent();
      await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(viewport.width);
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await related.first().click();
      await expect(page.locator('h1').textContent()).resolves.toBe(first);
    });
  });
});
