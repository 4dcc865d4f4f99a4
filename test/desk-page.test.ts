import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundleDesk } from '../src/desk/bundle';
import { PartnerKeys } from '../src/partner/keys';
import { DeskArticleDocument, DeskCreateArticleDocument } from './generated/graphql';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { NEWS } from './support/seed-slugs';
import { startServer, type TestServer } from './support/server';

// DESK_SCREENSHOT says where a screenshot of the desk goes (docs/desk.png is made with it).
jest.setTimeout(60_000);

describeInBrowser('the /desk page in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let editor: string;
  let partner: string;
  let problems: string[];

  beforeAll(async () => {
    if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    await bundleDesk();
    server = await startServer();
    const keys = new PartnerKeys(server.sql);
    editor = (await keys.create({ name: 'Desk editor', role: 'editor', origins: [] })).secret;
    partner = (await keys.create({ name: 'Partner', origins: [] })).secret;
    // A name the catalogue lacks, for the suggestion queue.
    await server.query(
      DeskCreateArticleDocument,
      { input: { title: 'A new federation', summary: 'Farmers met.', body: 'The Federación Agraria Wiñay Sumaq called a strike.', publishedAt: '2018-03-12' } },
      editor,
    );
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
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
  });

  async function signIn(key: string): Promise<void> {
    await page.goto(`${server.url}/desk`);
    await page.fill('#key', key);
    await page.press('#key', 'Enter');
  }

  const article = (slug: string) => page.locator(`#article-list > li[data-slug="${slug}"]`);

  it('refuses a partner key, saying so', async () => {
    await signIn(partner);
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/partner key, which reads only/);
    expect(await page.isHidden('#desk')).toBe(true);
    // The refusal is the API's 403, which the browser logs; nothing else may be.
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });

  it('removes a tag with the keyboard: gone from the API and from the feed; adds one with the picker', async () => {
    await signIn(editor);
    await page.waitForSelector('#article-list[data-state="ready"]');
    // Days as every page writes them (src/core/dates.ts), and nothing serious for a screen reader or a keyboard.
    await expect(page.locator('#article-list > li', { hasText: 'A new federation' }).locator('.article-meta').textContent()).resolves.toMatch(/^12 March 2018 · /);
    expect(await seriousViolations(page)).toEqual([]);
    const before = (await server.query(DeskArticleDocument, { slug: NEWS.tiaMaria })).article!;
    const topic = before.mentions.find((m) => m.kind === 'TOPIC')!.subject as { slug: string; id: string };
    const feedHas = async () =>
      ((await (await fetch(`${server.url}/feeds/topic/${topic.slug}.json`)).json()) as { items: { url: string }[] }).items.some((i) => i.url.endsWith(NEWS.tiaMaria));
    expect(await feedHas()).toBe(true);

    const remove = article(NEWS.tiaMaria).locator(`ul.links li[data-slug="${topic.slug}"] button`);
    await remove.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#message.ok:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/^Removed /);
    await page.waitForSelector('#article-list[data-state="ready"]');
    expect(await article(NEWS.tiaMaria).locator(`ul.links li[data-slug="${topic.slug}"]`).count()).toBe(0);
    const after = (await server.query(DeskArticleDocument, { slug: NEWS.tiaMaria })).article!;
    expect(after.topics.map((t) => t.slug)).not.toContain(topic.slug);
    expect(await feedHas()).toBe(false);

    // The picker: typing offers names; arrow keys apply nothing; Enter on the form links the chosen one.
    const input = article(NEWS.tiaMaria).locator('form.add-link input');
    await input.fill('Cusco');
    const option = article(NEWS.tiaMaria).locator('datalist option').first();
    await option.waitFor({ state: 'attached' });
    const label = (await option.getAttribute('value'))!;
    expect(label).toMatch(/^Cusco \(place, /);
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    expect((await server.query(DeskArticleDocument, { slug: NEWS.tiaMaria })).article!.version).toBe(after.version);
    await input.fill(label);
    await input.press('Enter');
    await page.waitForSelector('#message.ok:not([hidden])');
    const linked = (await server.query(DeskArticleDocument, { slug: NEWS.tiaMaria })).article!;
    const cusco = linked.mentions.find((m) => (m.subject as { slug: string }).slug === label.match(/, ([a-z0-9-]+)\)$/)![1])!;
    expect([cusco.provenance, cusco.editor?.name]).toEqual(['EDITOR', 'Desk editor']);
    expect(problems).toEqual([]);
  });

  it('rejects a suggestion, and shows each source with its last fetch', async () => {
    await signIn(editor);
    const row = page.locator('#suggestion-list tr', { hasText: 'Federación Agraria Wiñay Sumaq' });
    await row.waitFor();
    await page.waitForSelector('#article-list[data-state="ready"]');
    if (process.env.DESK_SCREENSHOT) await page.screenshot({ path: process.env.DESK_SCREENSHOT });
    await row.getByRole('button', { name: /^Reject/ }).click();
    await page.waitForSelector('#message:not([hidden])');
    expect(await page.textContent('#message')).toMatch(/is no longer suggested/);
    await page.waitForSelector('#suggestion-list[data-state="ready"]');
    expect(await page.locator('#suggestion-list tr', { hasText: 'Wiñay Sumaq' }).allTextContents()).toEqual([]);
    expect(await page.locator('#source-list tr').first().textContent()).toMatch(/Peru Support Group|Quipu editors/);
    expect(problems).toEqual([]);
  });
});
