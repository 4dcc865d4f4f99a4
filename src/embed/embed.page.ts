import { createHash } from 'node:crypto';
import { formatDay, type PageLanguage } from '../core/dates';
import { escapeHtml } from '../feed/feed-links';
import type { ChannelChoice, EmbedChannel } from './embed.query';
import { HEIGHT_MESSAGE, HEIGHT_REQUEST } from './embed-operation';
import { EMBED_WORDS } from './embed-words';

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

/** A problem page runs no script: its one inline style is all it may use. */
function problemSecurityPolicy(css: string): string {
  return `default-src 'none'; style-src ${sha256(pageStyle(css))}; base-uri 'none'; form-action 'none'`;
}

/** A frame inherits nothing from its parent: the page names a system font for the list. */
const pageStyle = (css: string) => `body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}${css}`;

/** What an /embed/<channel> page shows and links to. */
export interface EmbedPageInput {
  channel: EmbedChannel;
  heading: string | null;
  /** The language the embedding page is in (`?lang=`): the page's `lang` and how it writes days. */
  language: PageLanguage;
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
export function renderEmbedPage({ channel, heading, language, css, oembedUrl, feedLinks }: EmbedPageInput): { html: string; csp: string } {
  const title = heading || channel.title;
  const words = EMBED_WORDS[language];
  const items = channel.articles.nodes.map((article) => {
    const date = `<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(formatDay(article.publishedAt, language))}</time>`;
    const topics = article.topics.length
      ? `<ul class="topics" aria-label="${words.topics}">${article.topics.map((t) => `<li data-slug="${escapeHtml(t.slug)}">${escapeHtml(t.name)}</li>`).join('')}</ul>`
      : '';
    return `<li><a class="title" href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a><div class="meta">${date}${topics}</div></li>`;
  });
  const list = items.length ? `<ul class="articles" aria-labelledby="heading">${items.join('')}</ul>` : `<p class="status">${words.empty}</p>`;
  const html = `<!doctype html>
<html lang="${language}">
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
<p class="footer"><a href="${escapeHtml(channel.feeds.rss)}" type="application/rss+xml">${escapeHtml(words.feed(channel.title))}</a></p>
</section>
<script>${HEIGHT_SCRIPT}</script>
</body>
</html>
`;
  return { html, csp: contentSecurityPolicy(css) };
}

/**
 * A page for an embed that cannot be shown (a bad parameter: 400), in the list's own look. It may be
 * shown to a reader inside a partner's frame, so it says what is wrong in words, without the API's.
 */
export function renderProblemPage(css: string, title: string, message: string): { html: string; csp: string } {
  return { html: problemPage(css, title, `<p>${escapeHtml(message)}</p>`), csp: problemSecurityPolicy(css) };
}

/**
 * The page for a channel that does not exist (404), in the page's language: the channels that do, each a link to its
 * own page with the same parameters (`query`, as the request gave it), so a reader has somewhere to go and the partner
 * sees which names there are.
 */
export function renderUnknownChannelPage(
  css: string,
  slug: string,
  choices: ChannelChoice[],
  origin: string,
  query: string,
  language: PageLanguage = 'en',
): { html: string; csp: string } {
  const words = EMBED_WORDS[language];
  const items = choices.map(
    (choice) =>
      `<li><a class="title" href="${escapeHtml(`${origin}/embed/${choice.slug}${query}`)}">${escapeHtml(choice.title)}</a><div class="meta">${escapeHtml(choice.description)}</div></li>`,
  );
  const body = `<p>${escapeHtml(words.unknown(slug))}</p>
<ul class="articles" aria-label="${escapeHtml(words.lists)}">${items.join('')}</ul>`;
  return { html: problemPage(css, words.unknownTitle, body, language), csp: problemSecurityPolicy(css) };
}

function problemPage(css: string, title: string, body: string, language: PageLanguage = 'en'): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Quipu</title>
<style>${pageStyle(css)}</style>
</head>
<body>
<main class="quipu" aria-labelledby="heading">
<h1 id="heading">${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
