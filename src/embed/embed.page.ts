import { createHash } from 'node:crypto';
import { escapeHtml } from '../feed/feed-links';
import type { EmbedChannel } from './embed.query';
import { HEIGHT_MESSAGE, HEIGHT_REQUEST } from './embed-operation';

/**
 * The iframe page's one script: it posts the list's height to the parent page, and only to the
 * parent's own origin, taken from `?parentOrigin=` (or `?origin=`) or else from document.referrer.
 * With no origin to send to, or outside a frame, it posts nothing: a height is never sent to `*`.
 * It sends again when the parent's embed.js asks, from that same origin.
 */
const HEIGHT_SCRIPT = `(function () {
  var params = new URLSearchParams(location.search);
  var target = null;
  try { target = new URL(params.get('parentOrigin') || params.get('origin') || document.referrer).origin; } catch (e) {}
  if (!target || target === 'null' || window.parent === window) return;
  var box = document.querySelector('.quipu');
  var last = -1;
  function send() {
    var height = Math.ceil(box.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: ${JSON.stringify(HEIGHT_MESSAGE)}, channel: box.getAttribute('data-channel'), height: height }, target);
  }
  send();
  if (window.ResizeObserver) new ResizeObserver(send).observe(box);
  else window.addEventListener('resize', send);
  // embed.js, started after this page loaded, asks again.
  window.addEventListener('message', function (event) {
    if (event.origin !== target || event.source !== window.parent || !event.data || event.data.type !== ${JSON.stringify(HEIGHT_REQUEST)}) return;
    last = -1;
    send();
  });
})();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page may run its one inline script and style and nothing else; it may be framed by anyone
 * (that is its purpose); links and forms go nowhere but where the articles are.
 */
function contentSecurityPolicy(css: string): string {
  return `default-src 'none'; script-src ${sha256(HEIGHT_SCRIPT)}; style-src ${sha256(pageStyle(css))}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
}

/** A frame inherits nothing from its parent: the page names a system font for the list. */
const pageStyle = (css: string) => `body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}${css}`;

const dateFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** What an /embed/<channel> page shows and links to. */
export interface EmbedPageInput {
  channel: EmbedChannel;
  heading: string | null;
  /** The stylesheet shared with the widget (web/embed/embed.css). */
  css: string;
  /** This page's oEmbed endpoint URL, for the discovery link. */
  oembedUrl: string;
  /** Extra `<link>` tags for feed autodiscovery, already HTML. */
  feedLinks: string;
}

/**
 * The iframe page: the same list as the widget, rendered on the server so it works without
 * JavaScript. Links open in a new tab (`<base target="_blank">`): inside a frame, a link that
 * navigated the frame would leave the reader in a box on someone else's page.
 */
export function renderEmbedPage({ channel, heading, css, oembedUrl, feedLinks }: EmbedPageInput): { html: string; csp: string } {
  const title = heading || channel.title;
  const items = channel.articles.nodes.map((article) => {
    const date = article.publishedAt
      ? `<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(dateFormat.format(new Date(`${article.publishedAt}T00:00:00Z`)))}</time>`
      : '';
    const topics = article.topics.length
      ? `<ul class="topics" aria-label="Topics">${article.topics.map((t) => `<li data-slug="${escapeHtml(t.slug)}">${escapeHtml(t.name)}</li>`).join('')}</ul>`
      : '';
    return `<li><a class="title" href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a><div class="meta">${date}${topics}</div></li>`;
  });
  const list = items.length ? `<ul class="articles" aria-labelledby="heading">${items.join('')}</ul>` : `<p class="status">No articles yet.</p>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Quipu</title>
${feedLinks}
<link rel="alternate" type="application/json+oembed" href="${escapeHtml(oembedUrl)}" title="${escapeHtml(title)}">
<base target="_blank">
<style>${pageStyle(css)}</style>
</head>
<body>
<section class="quipu" aria-labelledby="heading" data-channel="${escapeHtml(channel.slug)}">
<h2 id="heading">${escapeHtml(title)}</h2>
${list}
<p class="footer"><a href="${escapeHtml(channel.feeds.rss)}" type="application/rss+xml">${escapeHtml(channel.title)}: RSS feed</a></p>
</section>
<script>${HEIGHT_SCRIPT}</script>
</body>
</html>
`;
  return { html, csp: contentSecurityPolicy(css) };
}

/** A small page for an embed that cannot be shown: unknown channel (404) or a bad parameter (400). */
export function renderProblemPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Quipu</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</main>
</body>
</html>
`;
}
