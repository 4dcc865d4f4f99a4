import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundleExplorer } from '../src/explore/bundle';
import { seriousViolations } from './support/axe';
import { chromiumPath, describeInBrowser } from './support/browser';
import { startServer, type TestServer } from './support/server';

jest.setTimeout(90_000);

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

/** What the page lends the test (web/explore/explore.ts): the drawn network and timeline. */
type Explorer = { quipuExplorer: { network(): import('cytoscape').Core; timeline(): import('uplot') } };

describeInBrowser("the explorer's network and timeline in headless Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install it (.ci/run does) or set CHROMIUM_PATH`);
    await bundleExplorer();
    server = await startServer();
    // Without a sandbox: CI runs as root, where Chromium refuses to start with one.
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens /explore in a fresh page of the given size and waits until the network and timeline are drawn. */
  async function open(viewport: { width: number; height: number }, query = '', phone = false): Promise<void> {
    page = await browser.newPage({ viewport, hasTouch: phone, isMobile: phone });
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    await page.goto(`${server.url}/explore${query}`);
    await ready();
  }

  async function ready(): Promise<void> {
    for (const id of ['network', 'timeline']) await page.waitForSelector(`#${id}[data-state="ready"]`, { state: 'attached' });
  }

  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  /** The network's labels as drawn: each shown label's box in the drawing's pixels, and the drawing's size. */
  async function labels() {
    return page.evaluate(() => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      const shown = cy.nodes().filter((node) => node.style('label') !== '' && Number(node.style('text-opacity')) > 0);
      return {
        nodes: cy.nodes().length,
        width: cy.width(),
        height: cy.height(),
        fontSize: Number.parseFloat(cy.nodes().first().style('font-size')) * cy.zoom(),
        biggest: cy
          .nodes()
          .max((node) => node.data('count') as number)
          .ele.data('label') as string,
        boxes: shown.map((node) => ({
          label: node.data('label') as string,
          ...node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false }),
        })),
      };
    });
  }

  /** The labels that overlap another (by pairs) and those cut at the drawing's edge. */
  function clashes(drawn: Awaited<ReturnType<typeof labels>>) {
    const overlapping: string[] = [];
    drawn.boxes.forEach((a, i) => {
      for (const b of drawn.boxes.slice(i + 1)) {
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlapping.push(`${a.label} / ${b.label}`);
      }
    });
    const cut = drawn.boxes.filter((box) => box.x1 < 0 || box.y1 < 0 || box.x2 > drawn.width || box.y2 > drawn.height).map((box) => box.label);
    return { overlapping, cut };
  }

  it.each([
    ['a desktop', DESKTOP, false, 0.75],
    ['a phone', PHONE, true, 0.25],
  ])("on %s, the network's labels neither overlap nor run out of the drawing, and the most linked entities keep theirs", async (_name, viewport, phone, share) => {
    await open(viewport, '', phone);
    const drawn = await labels();
    expect(drawn.nodes).toBeGreaterThan(20);
    expect(clashes(drawn)).toEqual({ overlapping: [], cut: [] });
    // Not by leaving names off: three in four shown on a desktop, one in four in a phone's small box (the
    // others show on hover), the biggest entity's always, and at a readable size.
    expect(drawn.boxes.length).toBeGreaterThanOrEqual(Math.ceil(share * drawn.nodes));
    expect(drawn.boxes.map((box) => box.label)).toContain(drawn.biggest);
    expect(drawn.fontSize).toBeGreaterThanOrEqual(12);
  });

  it('draws the network anew for a resized window, its labels clear again', async () => {
    await open(DESKTOP);
    const before = await labels();
    await page.evaluate(() => {
      (globalThis as unknown as Explorer).quipuExplorer.network().scratch('drawnBefore', true);
    });
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForFunction(() => (globalThis as unknown as Explorer).quipuExplorer.network().scratch('drawnBefore') === undefined);
    const after = await labels();
    expect(after.width).toBeLessThan(before.width);
    expect(clashes(after)).toEqual({ overlapping: [], cut: [] });
  });

  const network = () =>
    page.evaluate(() => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      return { zoom: cy.zoom(), pan: cy.pan(), panning: cy.userPanningEnabled() };
    });
  const scrollY = () => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);

  /** Scrolls the page so the network is in the middle of the window, where the page can scroll both ways. */
  async function centreNetwork() {
    await page.locator('#network').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    return (await page.locator('#network').boundingBox())!;
  }

  it('the mouse wheel scrolls the page past the network; Ctrl + wheel and the zoom buttons zoom it', async () => {
    await open(DESKTOP);
    const box = await centreNetwork();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const top = await scrollY();
    await page.mouse.wheel(0, 150);
    await page.waitForFunction((before) => (globalThis as unknown as { scrollY: number }).scrollY > before, top);
    expect((await network()).zoom).toBe(1);

    const scrolled = await scrollY();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -150);
    await page.keyboard.up('Control');
    await page.waitForFunction(() => (globalThis as unknown as Explorer).quipuExplorer.network().zoom() > 1);
    expect(await scrollY()).toBe(scrolled);
    // Zoomed in, the drawing can be dragged about; fitted, a drag is the page's again.
    expect((await network()).panning).toBe(true);

    await page.getByRole('button', { name: 'Fit the network to its box' }).click();
    await expect(network()).resolves.toEqual({ zoom: 1, pan: { x: 0, y: 0 }, panning: false });
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    await zoomIn.focus();
    await page.keyboard.press('Enter');
    expect((await network()).zoom).toBeCloseTo(1.25);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Zoom out' }).evaluate((button) => button.matches(':focus'))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    expect((await network()).zoom).toBeCloseTo(1);
  });

  it("a swipe over the network scrolls the phone's page, and leaves the drawing where it was", async () => {
    await open(PHONE, '', true);
    const box = await centreNetwork();
    const before = { scroll: await scrollY(), view: await network() };
    const cdp = await page.context().newCDPSession(page);
    // A finger down the left margin of the drawing, where the layout puts no node: the page moves back up.
    // Touches sent one by one reach the page unevenly on a busy machine; a few tries allow for that.
    const swipe = async () => {
      const x = box.x + 6;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: box.y + 20 }] });
      for (let step = 1; step <= 14; step++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: box.y + 20 + 20 * step }] });
        await page.waitForTimeout(16);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await page.waitForTimeout(300);
    };
    for (let tries = 0; tries < 3 && (await scrollY()) > before.scroll - 20; tries++) await swipe();
    expect(before.scroll - (await scrollY())).toBeGreaterThan(20);
    expect(await network()).toEqual(before.view);
  });

  /** Where a node or the middle of a link is drawn, in the page's coordinates. */
  async function pointOf(selector: string) {
    const box = (await page.locator('#network').boundingBox())!;
    const at = await page.evaluate((selector) => {
      const element = (globalThis as unknown as Explorer).quipuExplorer.network().$(selector).first();
      return element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
    }, selector);
    return { x: box.x + at.x, y: box.y + at.y };
  }

  /** The network's links as the API gives them, with both ends' names. */
  async function apiLinks() {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ links(first: 60) { nodes { id articleCount entity { ... on Topic { name } ... on Organisation { name } ... on Place { name } ... on Person { name } } } edges { source target count jaccard lift } } }',
      }),
    });
    return (
      (await response.json()) as {
        data: {
          links: {
            nodes: { id: string; articleCount: number; entity: { name: string } }[];
            edges: { source: string; target: string; count: number; jaccard: number; lift: number }[];
          };
        };
      }
    ).data.links;
  }

  it('sizes nodes by their articles and links by their shared articles', async () => {
    await open(DESKTOP);
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      return {
        nodes: cy.nodes().map((node) => ({ count: node.data('count') as number, size: node.renderedWidth() })),
        edges: cy.edges().map((edge) => ({ count: edge.data('count') as number, width: Number.parseFloat(edge.style('width')) })),
      };
    });
    const growing = (rows: { count: number; value: number }[]) => {
      const sorted = [...rows].sort((a, b) => a.count - b.count || a.value - b.value);
      return sorted.every((row, i) => i === 0 || row.value >= sorted[i - 1]!.value) && sorted[0]!.value < sorted.at(-1)!.value;
    };
    expect(growing(drawn.nodes.map((node) => ({ count: node.count, value: node.size })))).toBe(true);
    expect(growing(drawn.edges.map((edge) => ({ count: edge.count, value: edge.width })))).toBe(true);
  });

  it('hovering a node lights it and its neighbours and tells its articles; hovering a link tells its measures', async () => {
    await open(DESKTOP);
    const links = await apiLinks();
    const biggest = links.nodes.reduce((a, b) => (b.articleCount > a.articleCount ? b : a));
    await page.mouse.move(...(Object.values(await pointOf(`node[id = "${biggest.id}"]`)) as [number, number]));
    const tip = page.locator('.network-tip');
    await expect(tip.textContent()).resolves.toBe(`${biggest.entity.name}: place, ${biggest.articleCount} articles. Click to add it to the filter.`);
    const lit = await page.evaluate((id) => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      const near = cy.getElementById(id).closedNeighborhood();
      return { near: near.filter('.near').length, of: near.length, faded: cy.elements('.faded').length, others: cy.elements().length - near.length };
    }, biggest.id);
    expect(lit.near).toBe(lit.of);
    expect(lit.faded).toBe(lit.others);
    expect(lit.others).toBeGreaterThan(0);

    // The link whose middle lies farthest from every node, so the pointer finds it and nothing else.
    const lonely = await page.evaluate(() => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      const clearance = (edge: import('cytoscape').EdgeSingular) => {
        const mid = edge.renderedMidpoint();
        return Math.min(...cy.nodes().map((node) => Math.hypot(node.renderedPosition().x - mid.x, node.renderedPosition().y - mid.y)));
      };
      return cy.edges().max(clearance).ele.id();
    });
    await page.mouse.move(0, 0);
    await expect(tip.isVisible()).resolves.toBe(false);
    await page.mouse.move(...(Object.values(await pointOf(`edge[id = "${lonely}"]`)) as [number, number]));
    const edge = links.edges.find((row) => `${row.source}~${row.target}` === lonely)!;
    const name = (id: string) => links.nodes.find((node) => node.id === id)!.entity.name;
    const text = (await tip.textContent())!;
    expect(text).toMatch(new RegExp(`^${name(edge.source)} and ${name(edge.target)}: ${edge.count} articles? together · Jaccard [0-9.]+ · lift [0-9.]+$`));
    const [, jaccard, lift] = /Jaccard ([0-9.]+) · lift ([0-9.]+)/.exec(text)!;
    expect(Number(jaccard)).toBeCloseTo(edge.jaccard, 2);
    expect(Number(lift)).toBeCloseTo(edge.lift, 2);
  });

  it("with nothing to draw, the zoom buttons and the timeline's hint go with the drawings, and come back with them", async () => {
    await open(DESKTOP);
    const shown = () => Promise.all(['#network', '.network-tools', '#timeline', '.timeline-hint'].map((selector) => page.locator(selector).isVisible()));
    await expect(shown()).resolves.toEqual([true, true, true, true]);
    await page.getByLabel('Search the text').fill('zzyzx');
    await page.getByLabel('Search the text').press('Enter');
    await page.waitForURL((url) => url.search.includes('zzyzx'));
    await page.waitForSelector('#network[hidden]', { state: 'attached' });
    await ready();
    await expect(shown()).resolves.toEqual([false, false, false, false]);
    await page.goBack();
    await page.waitForSelector('#network:not([hidden])');
    await ready();
    await expect(shown()).resolves.toEqual([true, true, true, true]);
  });

  it('a click on a node adds it to the filter, keeping what was there', async () => {
    await open(DESKTOP, '?topic=mining');
    const other = await page.evaluate(() => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      const node = cy
        .nodes()
        .filter((n) => !n.hasClass('chosen'))
        .max((n) => n.data('count') as number).ele;
      return { id: node.id(), slug: node.data('slug') as string };
    });
    const chosen = () => [...new URL(page.url()).searchParams.values()].flatMap((value) => value.split(','));
    await page.mouse.click(...(Object.values(await pointOf(`node[id = "${other.id}"]`)) as [number, number]));
    await page.waitForURL((url) => url.search.includes(other.slug));
    expect(chosen()).toEqual(expect.arrayContaining(['mining', other.slug]));
    await ready();
    await expect(
      page.evaluate((slug) => (globalThis as unknown as Explorer).quipuExplorer.network().nodes(`[slug = "${slug}"]`).first().hasClass('chosen'), other.slug),
    ).resolves.toBe(true);
  });

  it('focusing an entity in the list lights its node and neighbours in the drawing', async () => {
    await open(DESKTOP);
    const first = page.locator('#entities button').first();
    const key = (await first.getAttribute('data-key'))!;
    await first.focus();
    const lit = await page.evaluate((key) => {
      const cy = (globalThis as unknown as Explorer).quipuExplorer.network();
      const [kind, slug] = key.split(':');
      return cy.nodes(`[kind = "${kind}"][slug = "${slug}"]`).first().hasClass('near') && cy.elements('.faded').length > 0;
    }, key);
    expect(lit).toBe(true);
  });

  /** The timeline's bars: where each is drawn in the page, with its bucket's start. */
  async function bars() {
    return page.evaluate(() => {
      const u = (globalThis as unknown as Explorer).quipuExplorer.timeline();
      const over = u.over.getBoundingClientRect();
      return {
        labels: u.axes.map((axis) => axis.label),
        bars: (u.data[0] as number[]).map((x, i) => ({
          x: over.left + u.valToPos(x, 'x'),
          y: over.top + u.valToPos((u.data[1] as number[])[i]! / 2, 'y'),
        })),
      };
    });
  }

  it("the timeline names its axes, tells a month's count on hover, and a drag across months sets the dates", async () => {
    await open(DESKTOP);
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    const drawn = await bars();
    expect(drawn.labels).toEqual(['Month of publication (UTC)', 'Articles']);
    expect(drawn.bars.length).toBe(2);
    const [february, march] = drawn.bars as [{ x: number; y: number }, { x: number; y: number }];
    await page.mouse.move(february.x, february.y);
    const tip = page.locator('.timeline-tip');
    await expect(tip.textContent()).resolves.toBe('Feb 2018: 7 articles');
    await page.mouse.move(march.x, march.y);
    await expect(tip.textContent()).resolves.toBe('Mar 2018: 3 articles');

    await page.mouse.move(february.x - 10, february.y);
    await page.mouse.down();
    await page.mouse.move(march.x, march.y, { steps: 5 });
    await expect(tip.textContent()).resolves.toBe('1 February 2018 to 31 March 2018');
    await page.mouse.up();
    await page.waitForURL((url) => url.searchParams.get('from') === '2018-02-01' && url.searchParams.get('to') === '2018-03-31');
    await expect(page.getByLabel('From', { exact: true }).inputValue()).resolves.toBe('2018-02-01');
    await expect(page.getByLabel('To', { exact: true }).inputValue()).resolves.toBe('2018-03-31');
  });

  it.each([
    ['a desktop', DESKTOP, false],
    ['a phone', PHONE, true],
  ])('on %s, the network and timeline have no serious accessibility problem, tooltips showing', async (_name, viewport, phone) => {
    await open(viewport, '', phone);
    await page.mouse.move(...(Object.values(await pointOf('node')) as [number, number]));
    const violations = await seriousViolations(page);
    // The rest of the page is another test's business; these are the regions' elements (uPlot's are u-*).
    const ours = violations.filter((line) => /network|timeline|entities|\.u-/.test(line));
    expect(ours).toEqual([]);
  });
});
