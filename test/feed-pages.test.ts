import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { formatDay } from '../src/core/dates';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { parseXml } from './support/files';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

// What a reader sees on following a feed link or an article link in a browser: the server's page of
// the feed (no XSLT, which Chromium is removing), and the article page, at a laptop's and a phone's width.
const SIZES = [
  ['1366 × 900', { width: 1366, height: 900 }],
  ['390 × 844', { width: 390, height: 844 }],
] as const;

jest.setTimeout(60_000);

describeInBrowser('feeds and article pages in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let contentType: string | null;

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
    // Any warning fails the test: Chromium warns on every page made by XSLT, which it is removing.
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) problems.push(`request outside the server: ${request.url()}`);
    });
    const response = await page.goto(`${server.url}${path}`);
    contentType = response?.headers()['content-type'] ?? null;
  }
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  /** The feed's items as a feed reader gets them (fetch asks for any type), each with its publication day. */
  async function feedItems(path: string): Promise<{ title: string; link: string; day: string }[]> {
    const text = await (await fetch(`${server.url}${path}`)).text();
    const xml = parseXml(text);
    const day = (date: string) => new Date(date).toISOString().slice(0, 10);
    if (xml.rss) return [xml.rss.channel.item].flat().map((item: any) => ({ title: item.title, link: item.link, day: day(item.pubDate) }));
    return [xml.feed.entry].flat().map((entry: any) => ({ title: entry.title['#text'], link: entry.link.href, day: day(entry.published) }));
  }

  describe.each(SIZES)('at %s', (_size, viewport) => {
    it.each([
      ['an RSS channel feed', '/feeds/mining.rss', 'Mining'],
      ['an Atom subject feed', '/feeds/place/cajamarca.atom', 'Cajamarca (place)'],
    ])('%s reads as a page: what it is, how to follow it, its articles linking to their pages', async (_what, path, title) => {
      const items = await feedItems(path);
      expect(items.length).toBeGreaterThan(0);
      await open(path, viewport);
      expect(contentType).toBe('text/html; charset=utf-8');
      await expect(page.locator('xslt-warning-banner').count()).resolves.toBe(0);
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      await expect(page.getByRole('heading', { name: 'Follow this feed' }).isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('Address of this feed').inputValue()).resolves.toBe(`${server.url}${path}`);
      const links = page.locator('.items h3 a');
      await expect(links.allTextContents()).resolves.toEqual(items.map((item) => item.title));
      await expect(links.evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href))).resolves.toEqual(items.map((item) => item.link));
      const times = page.locator('.items time');
      await expect(times.evaluateAll((elements) => elements.map((time) => time.getAttribute('datetime')))).resolves.toEqual(items.map((item) => item.day));
      await expect(times.allTextContents()).resolves.toEqual(items.map((item) => formatDay(item.day)));
      await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(viewport.width);
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await links.first().click();
      await expect(page.locator('h1').textContent()).resolves.toBe(items[0].title);
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
