import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { bundleGraphiQL } from '../src/graphiql/bundle';
import { readDocumentedOperations } from '../src/graphiql/operations';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { startServer, type TestServer } from './support/server';

// How GraphiQL reads at a laptop's width and a phone's: its tabs, tooltips, the empty result pane,
// and the accessibility checker's serious and critical findings. frontend.test.ts runs its operations.
const operations = readDocumentedOperations(path.resolve(__dirname, '../schema/operations'));
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

jest.setTimeout(90_000);

describeInBrowser('GraphiQL at a laptop’s and a phone’s width', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    await bundleGraphiQL();
    server = await startServer();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser (so no tabs kept from another test) at `viewport`, on GraphiQL once its editors are up. */
  async function open(viewport: { width: number; height: number }): Promise<void> {
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-query-editor .CodeMirror').getByText('TopicPage').first().waitFor();
  }

  beforeEach(() => {
    problems = [];
  });
  afterEach(async () => {
    await context?.close();
    expect(problems).toEqual([]);
  });

  const tabs = () => page.getByRole('navigation', { name: 'Open operations' });
  const run = async () => {
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.locator('.graphiql-response .CodeMirror').getByText('"data"').waitFor();
  };

  it('names its icons and buttons in words, as GraphiQL wrote them, not in minified code', async () => {
    await open(LAPTOP);
    const titles = new Set(await page.locator('svg title').allTextContents());
    for (const title of ['prettify icon', 'merge icon', 'copy icon', 'reload icon', 'settings icon', 'play icon']) expect(titles).toContain(title);
    for (const title of titles) expect(title).toMatch(/^[a-z]{4,}( [a-z]+)* icon$/);
    for (const label of ['Prettify query (Shift-Ctrl-P)', 'Re-fetch GraphQL schema', 'Copy query (Shift-Ctrl-C)']) {
      await page.getByRole('button', { name: label }).hover();
      await page.getByRole('tooltip').filter({ hasText: label }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('tooltip').waitFor({ state: 'detached' });
    }
  });

  it('shows every documented operation’s tab within the window at 1366 px, and each opens its operation', async () => {
    await open(LAPTOP);
    const buttons = tabs().getByRole('listitem').locator('button:first-child');
    await expect(buttons.allTextContents()).resolves.toEqual(operations.map((operation) => operation.name));
    for (const [index, operation] of operations.entries()) {
      const button = buttons.nth(index);
      const box = (await button.boundingBox())!;
      expect({ name: operation.name, inWindow: box.x >= 0 && box.x + box.width <= LAPTOP.width && box.y >= 0 && box.y + box.height <= LAPTOP.height }).toEqual({
        name: operation.name,
        inWindow: true,
      });
      // Clicked where it shows, not scrolled to: nothing covers it.
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(button.getAttribute('aria-current')).resolves.toBe('true');
      await page.locator('.graphiql-query-editor .CodeMirror').getByText(operation.name).first().waitFor();
    }
  });

  it('says how to get a result while the result pane is empty, and not once there is one', async () => {
    await open(LAPTOP);
    const hint = page.getByText('The result will show here. Run the operation with the ▶ button, or press Ctrl-Enter in the editor.');
    await expect(hint.isVisible()).resolves.toBe(true);
    await run();
    await expect(hint.isVisible()).resolves.toBe(false);
    // A tab not run yet is empty again, and says so.
    await tabs().getByRole('button', { name: 'ArticlePage', exact: true }).click();
    await expect(hint.isVisible()).resolves.toBe(true);
  });

  it('is usable at a phone’s width: nothing wider than the screen, the editor above the result, a query runs', async () => {
    await open(PHONE);
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
    const inScreen = async (selector: string) => {
      const box = (await page.locator(selector).first().boundingBox())!;
      return box.x >= 0 && box.x + box.width <= PHONE.width && box.y >= 0 && box.y + box.height <= PHONE.height && box.width > 0;
    };
    for (const part of ['.graphiql-query-editor', '.graphiql-execute-button', '.graphiql-response', '.quipu-tabs']) expect([part, await inScreen(part)]).toEqual([part, true]);
    const editor = (await page.locator('.graphiql-query-editor').boundingBox())!;
    const result = (await page.locator('.graphiql-response').boundingBox())!;
    expect(result.y).toBeGreaterThanOrEqual(editor.y + editor.height);
    expect(result.height).toBeGreaterThan(200);
    await run();
    await expect(page.locator('.graphiql-response .CodeMirror').getByText('"data"').isVisible()).resolves.toBe(true);
  });

  it('keeps the editor and the result on a phone’s screen with the documentation open, which scrolls in the top part', async () => {
    await open(PHONE);
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    const docs = (await page.locator('.graphiql-plugin').boundingBox())!;
    expect(docs.height).toBeLessThanOrEqual(PHONE.height / 2);
    expect(docs.x + docs.width).toBeLessThanOrEqual(PHONE.width);
    for (const part of ['.graphiql-query-editor', '.graphiql-execute-button', '.graphiql-response']) {
      const box = (await page.locator(part).first().boundingBox())!;
      expect([part, box.y >= docs.y + docs.height && box.y + box.height <= PHONE.height && box.height > 0]).toEqual([part, true]);
    }
    // The documentation's own list scrolls: its last type can be reached.
    await expect(page.evaluate<boolean>("(() => { const p = document.querySelector('.graphiql-plugin'); return p.scrollHeight > p.clientHeight; })()")).resolves.toBe(true);
  });

  it.each([
    ['1366 × 900', LAPTOP],
    ['390 × 844', PHONE],
  ])('has no serious or critical accessibility violations at %s: opened, with a result, and with the documentation open', async (_size, viewport) => {
    await open(viewport);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await run();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
  });
});
