import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runIngestSourcesCli } from '../src/ingest/ingest.cli';
import { startPoller } from '../src/ingest/poller';
import { readSource, registerSource } from '../src/ingest/sources';
import { PartnerKeys } from '../src/partner/keys';
import { DeskAuditDocument, DeskCountsDocument, DeskDeleteArticleDocument as DeskDeleteDocument, DeskSourcesDocument } from './generated/graphql';
import { seedCatalogue, startServer, type TestServer } from './support/server';

/** A local feed server: each path answers what the test sets, with an ETag, honouring If-None-Match. */
interface Route {
  body?: string;
  status?: number;
  type?: string;
  delayMs?: number;
}
const routes = new Map<string, Route>();
const requests: { path: string; ifNoneMatch: string | undefined }[] = [];
let feeds: http.Server;
let base: string;
let server: TestServer;

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;

beforeAll(async () => {
  feeds = http.createServer((request, response) => {
    const route = routes.get(request.url ?? '') ?? { status: 404, body: 'not found' };
    requests.push({ path: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] });
    const send = () => {
      const body = route.body ?? '';
      const etag = etagOf(body);
      if ((route.status ?? 200) === 200 && request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/rss+xml', etag }).end(body);
    };
    if (route.delayMs) setTimeout(send, route.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(feeds.address() as { port: number }).port}`;
  server = await startServer();
});
afterAll(async () => {
  feeds.closeAllConnections();
  await new Promise((resolve) => feeds.close(resolve));
  await server.close();
});

const rss = (items: { title: string; guid: string; date?: string; text: string; link?: string }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Andes Watch</title><link>https://andes.example/</link><description>d</description>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><guid>${i.guid}</guid>${i.link ? `<link>${i.link}</link>` : ''}<pubDate>${i.date ?? 'Tue, 06 Mar 2018 09:00:00 GMT'}</pubDate><description><![CDATA[${i.text}]]></description></item>`,
    )
    .join('')}</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Selva Journal</title><id>urn:selva</id><updated>2018-03-07T00:00:00Z</updated>
<entry><title>Deforestation alert in Madre de Dios</title><id>urn:selva:1</id><published>2018-03-07T10:00:00Z</published><updated>2018-03-07T10:00:00Z</updated>
<link href="https://selva.example/1"/><content type="html">&lt;p&gt;Illegal gold mining cleared forest in Madre de Dios.&lt;/p&gt;&lt;p&gt;The ministry sent inspectors.&lt;/p&gt;</content></entry></feed>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Costa News',
  items: [
    {
      id: 'c1',
      url: 'https://costa.example/1',
      title: 'Fishermen protest oil spill',
      content_text: 'Fishermen in Lima protested an oil spill.',
      date_published: '2018-03-08T08:00:00Z',
    },
    // The same story Andes Watch carries, by link: one article.
    { id: 'c2', url: 'https://andes.example/conga', title: 'Conga again', content_text: 'Farmers in Cajamarca march against Conga.', date_published: '2018-03-06T09:00:00Z' },
  ],
});

const andes = [
  {
    title: 'Farmers march against Conga',
    guid: 'a1',
    link: 'https://andes.example/conga',
    text: '<p>Farmers in Cajamarca march against the Conga mine.</p><p>Police watched.</p>',
  },
  { title: 'Water study in Espinar', guid: 'a2', text: '<p>A water study in Espinar found heavy metals.</p>' },
];

const read = async (route: string, limits = {}) => readSource(server.sql, await registerSource(server.sql, `${base}${route}`), seedCatalogue(), { limits, intervalMs: 60_000 });

describe('live ingest of feeds', () => {
  it('reads RSS, Atom and JSON Feed into articles, deduplicated, then fetches conditionally and updates what changed', async () => {
    routes.set('/andes.rss', { body: rss(andes) });
    routes.set('/selva.atom', { body: atom, type: 'application/atom+xml' });
    routes.set('/costa.json', { body: jsonFeed, type: 'application/feed+json' });
    expect(await read('/andes.rss')).toMatchObject({ status: 'fetched', format: 'rss', created: 2, itemErrors: [], source: 'Andes Watch' });
    expect(await read('/selva.atom')).toMatchObject({ status: 'fetched', format: 'atom', created: 1 });
    expect(await read('/costa.json')).toMatchObject({ status: 'fetched', format: 'json', created: 1, unchanged: 1 });
    const found = await server.query(DeskCountsDocument, { search: 'Conga OR Espinar OR "Madre de Dios" OR spill' });
    expect(found.articles.nodes.map((n) => n.slug).sort()).toEqual([
      '2018-03-06-farmers-march-against-conga',
      '2018-03-06-water-study-in-espinar',
      '2018-03-07-deforestation-alert-in-madre-de-dios',
      '2018-03-08-fishermen-protest-oil-spill',
    ]);

    // Unchanged: a 304, nothing written.
    requests.length = 0;
    expect(await read('/andes.rss')).toMatchObject({ status: 'not-modified', created: 0, updated: 0 });
    expect(requests).toEqual([{ path: '/andes.rss', ifNoneMatch: etagOf(rss(andes)) }]);

    // One item changed: its article is updated, a revision in the audit log; the other stays.
    routes.set('/andes.rss', { body: rss([andes[0], { ...andes[1], text: '<p>A water study in Espinar found heavy metals in the river.</p>' }]) });
    expect(await read('/andes.rss')).toMatchObject({ status: 'fetched', created: 0, updated: 1, unchanged: 1 });
    const editor = await registerEditor();
    const audit = (await server.query(DeskAuditDocument, {}, editor)).auditLog.nodes.find((n) => n.editor === 'ingest: Andes Watch');
    expect(audit).toMatchObject({
      action: 'UPDATED',
      before: { summary: 'A water study in Espinar found heavy metals.' },
      after: { summary: 'A water study in Espinar found heavy metals in the river.' },
    });

    const sources = (await server.query(DeskSourcesDocument)).sources.filter((s) => s.feedUrl?.startsWith(base));
    expect(sources.map((s) => [s.name, s.format, s.itemsSeen, s.lastError, s.failures])).toEqual([
      ['Andes Watch', 'rss', 2, null, 0],
      ['Costa News', 'json', 2, null, 0],
      ['Selva Journal', 'atom', 1, null, 0],
    ]);
  });

  it('reports broken feeds and bad items on the source and in /metrics, backs off, and keeps the good items', async () => {
    routes.set('/broken.xml', { body: '<rss><channel><item><title>Oops' });
    routes.set('/down.rss', { status: 500, body: 'boom' });
    routes.set('/slow.rss', { body: rss(andes), delayMs: 3_000 });
    routes.set('/huge.rss', { body: rss([{ title: 'Huge', guid: 'h', text: 'x'.repeat(300_000) }]) });
    routes.set('/mixed.rss', {
      body: rss([
        { title: 'Good item in Puno', guid: 'm1', text: '<p>Miners in Puno went on strike.</p>' },
        { title: 'Bad date', guid: 'm2', date: 'the day before yesterday', text: 'x' },
      ]),
    });
    expect((await read('/broken.xml')).error).toMatch(/is not a feed Quipu reads/);
    const down = await read('/down.rss');
    expect(down.error).toBe(`${base}/down.rss answered 500 Internal Server Error`);
    expect((await read('/slow.rss', { timeoutMs: 300 })).error).toBe(`${base}/slow.rss did not answer within 300 ms`);
    expect((await read('/huge.rss', { maxBytes: 100_000 })).error).toMatch(/sent more than 100000 bytes|is \d+ bytes; at most 100000/);
    const mixed = await read('/mixed.rss');
    expect(mixed).toMatchObject({ status: 'fetched', created: 1 });
    expect(mixed.itemErrors).toEqual([{ position: 2, message: expect.stringMatching(/^item 2 \("Bad date"\): its date "the day before yesterday" is not a date/) }]);

    // A second failure doubles the wait.
    const first = (await server.query(DeskSourcesDocument)).sources.find((s) => s.feedUrl === `${base}/down.rss`)!;
    await read('/down.rss');
    const second = (await server.query(DeskSourcesDocument)).sources.find((s) => s.feedUrl === `${base}/down.rss`)!;
    expect(second.failures).toBe(2);
    const wait = (s: typeof first) => Date.parse(s.nextFetchAt!) - Date.parse(s.lastFetchedAt!);
    expect([wait(first), wait(second)]).toEqual([120_000, 240_000]);

    const sources = (await server.query(DeskSourcesDocument)).sources;
    expect(sources.find((s) => s.feedUrl === `${base}/mixed.rss`)!.lastError).toMatch(/^item 2 \("Bad date"\)/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain(`quipu_source_failing{source="${base}/down.rss"} 1`);
    expect(metrics).toContain(`quipu_source_failing{source="${base}/mixed.rss"} 1`);
    expect(metrics).toMatch(/quipu_source_fetches_total\{outcome="failed"\} \d+/);
  });

  it('keeps apart items that share a date and a description, and never brings back an article an editor deleted', async () => {
    const item = (title: string, guid: string, link?: string) => ({ title, guid, link, text: 'Comments' });
    routes.set('/same.rss', { body: rss([item('Alpha in Tacna', 'x1'), item('Beta in Tacna', 'x2')]) });
    expect(await read('/same.rss')).toMatchObject({ created: 2 });
    routes.set('/same.rss', { body: rss([item('Beta in Tacna', 'x2'), item('Gamma in Tacna', 'x3')]) });
    const second = await read('/same.rss');
    expect(second).toMatchObject({ status: 'fetched', error: null, created: 1, unchanged: 1, deleted: 0 });
    const titles = await server.sql.all<{ title: string }>("SELECT title FROM article WHERE title LIKE '% in Tacna' ORDER BY title");
    expect(titles.map((t) => t.title)).toEqual(['Alpha in Tacna', 'Beta in Tacna', 'Gamma in Tacna']);

    // An editor deletes the Conga story; another feed carries its link under another GUID: it stays deleted.
    routes.set('/conga.rss', { body: rss([andes[0]]) });
    await read('/conga.rss');
    const editor = await registerEditor();
    const [{ id }] = await server.sql.all<{ id: number }>("SELECT id FROM article WHERE slug = '2018-03-06-farmers-march-against-conga'");
    const deleted = await server.request(DeskDeleteDocument, { id: Buffer.from(`Article:${id}`).toString('base64url') }, editor);
    expect(deleted.errors).toBeUndefined();
    routes.set('/other.rss', { body: rss([{ ...andes[0], guid: 'other-1', title: 'Farmers march against Conga' }]) });
    expect(await read('/other.rss')).toMatchObject({ created: 0, deleted: 1 });
    expect(await server.sql.get("SELECT count(*) AS n FROM article WHERE title = 'Farmers march against Conga'")).toEqual({ n: 0 });
  });

  it('polls due sources each on its own: a slow one never holds up the others', async () => {
    routes.set('/poll-slow.rss', { body: rss([{ title: 'Slow one', guid: 's', text: 'Slow.' }]), delayMs: 2_000 });
    routes.set('/poll-good.rss', { body: rss([{ title: 'Polled news from Cusco', guid: 'p', text: 'News from Cusco.' }]) });
    await server.sql.run('UPDATE source SET next_fetch_at = ? WHERE feed_url IS NOT NULL', ['2999-01-01T00:00:00.000Z']);
    await registerSource(server.sql, `${base}/poll-slow.rss`);
    await registerSource(server.sql, `${base}/poll-good.rss`);
    const done: string[] = [];
    const poller = startPoller(server.sql, seedCatalogue, {
      intervalMs: 60_000,
      tickMs: 3_600_000,
      limits: { timeoutMs: 500 },
      onReport: (r) => done.push(`${r.feedUrl} ${r.status}`),
    });
    try {
      const reports = await poller.poll();
      expect(reports.map((r) => [r.feedUrl, r.status]).sort()).toEqual([
        [`${base}/poll-good.rss`, 'fetched'],
        [`${base}/poll-slow.rss`, 'failed'],
      ]);
      expect((await server.query(DeskCountsDocument, { search: 'Cusco' })).articles.totalCount).toBe(1);
    } finally {
      await poller.stop();
    }
  });

  it('`npm run ingest` reads files and URLs, reporting each source and each bad item', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quipu-ingest-'));
    try {
      const file = path.join(dir, 'feed.rss');
      fs.writeFileSync(
        file,
        rss([
          { title: 'From a file in Ayacucho', guid: 'f1', text: 'Ayacucho news.' },
          { title: '', guid: 'f2', text: 'no title' },
        ]),
      );
      const out: string[] = [];
      const err: string[] = [];
      const env = { DATABASE_URL: server.databaseUrl };
      routes.set('/down.rss', { status: 500, body: 'boom' });
      const code = await runIngestSourcesCli([file, `${base}/down.rss`], env, { out: (l) => out.push(l), err: (l) => err.push(l) });
      expect(code).toBe(1);
      // Named by its feed's title, or by its URL when another source has that title already.
      expect(out).toEqual([expect.stringMatching(/^(Andes Watch|file:.*feed\.rss) \(rss\): 1 created, 0 updated, 0 unchanged, 1 item\(s\) skipped, \d+ links$/)]);
      expect(err).toEqual([expect.stringMatching(/, item 2: it has no title$/), `${base}/down.rss: failed: ${base}/down.rss answered 500 Internal Server Error`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An editor key, to read the audit log. */
async function registerEditor(): Promise<string> {
  return (await new PartnerKeys(server.sql).create({ name: 'Reader of the log', role: 'editor', origins: [] })).secret;
}
