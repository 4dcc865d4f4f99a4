import { formatDay } from '../core/dates';
import type { Sql } from '../db/sql';
import { InternalQuery } from '../graph/internal-query';
import { alternateLinks, escapeHtml } from './feed-links';

interface Named {
  slug: string;
  name: string;
}

/** An article as its public page shows it, read through the real schema. */
export interface ArticlePageData {
  title: string;
  kind: 'NEWS' | 'PAGE';
  publishedAt: string | null;
  summary: string;
  body: string | null;
  url: string;
  topics: Named[];
  places: Named[];
  organisations: Named[];
  people: Named[];
  source: { name: string; url: string };
  /** The articles the API finds related (Article.related), best first, with the subjects they share. */
  related: RelatedOnPage[];
}

/** A related article as the page lists it. */
export interface RelatedOnPage {
  article: { title: string; url: string; publishedAt: string | null };
  shared: { name: string }[];
}

/** How many related articles the page lists: a short "read next", not the analyst's list. */
export const RELATED_ON_PAGE = 5;

const articlePage = new InternalQuery<{ article: ArticlePageData | null }>(
  'the article page',
  'query ArticlePage($slug: String!, $related: Int!) { article(slug: $slug) { title kind publishedAt summary body url ' +
    'topics { slug name } places { slug name } organisations { slug name } people { slug name } source { name url } ' +
    'related(first: $related) { article { title url publishedAt } shared { ... on Topic { name } ... on Place { name } ... on Organisation { name } ... on Person { name } } } } }',
);

/** What an article's public page shows, read through the API on `origin`; null for an unknown slug. */
export async function readArticlePageData(sql: Sql, origin: string, slug: string): Promise<ArticlePageData | null> {
  return (await articlePage.data(sql, { slug, related: RELATED_ON_PAGE }, origin)).article;
}

const STYLE = `
body { font: 1.0625rem/1.6 system-ui, sans-serif; max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; color: #1b1b1b; background: #fff; }
.skip { position: absolute; left: -100vw; } .skip:focus { left: 1rem; top: 1rem; }
a { color: #0b57a4; } a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
header p, footer { color: #4a4a4a; } h1 { line-height: 1.25; } .summary { font-size: 1.15rem; }
nav ul, .subjects ul { padding-left: 1.25rem; } .subjects { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1.5rem; }
.related ul { list-style: none; padding: 0; } .related li { margin: 0 0 .85rem; } .related p { margin: .1rem 0 0; color: #4a4a4a; font-size: .95rem; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #161616; } a { color: #8cc4ff; } header p, footer, .related p { color: #bbb; } }
`;

const SUBJECT_LISTS: { key: 'topics' | 'places' | 'organisations' | 'people'; heading: string; param: string }[] = [
  { key: 'topics', heading: 'Topics', param: 'topic' },
  { key: 'places', heading: 'Places', param: 'place' },
  { key: 'organisations', heading: 'Organisations', param: 'organisation' },
  { key: 'people', heading: 'People', param: 'person' },
];

function page(title: string, head: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Quipu</title>
${head}
<style>${STYLE}</style>
</head>
<body>
<a href="#content" class="skip">Skip to the article</a>
<main id="content">
${main}
</main>
<footer><p>Served by Quipu, a hub of NGO news about Peru. <a href="/explore">Explore the news</a>.</p></footer>
</body>
</html>
`;
}

/**
 * The articles to read next: the related articles the API computes (rarity-weighted shared
 * subjects, article.related.ts), each linking to its page, with its date and what it shares with
 * this one. Nothing when there are none.
 */
function relatedSection(related: RelatedOnPage[]): string {
  if (related.length === 0) return '';
  const items = related.map(({ article, shared }) => {
    const date = article.publishedAt ? `<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(formatDay(article.publishedAt))}</time>` : 'A standing page';
    const about = shared.length > 0 ? `, also about ${escapeHtml(shared.map((subject) => subject.name).join(', '))}` : '';
    return `<li><a href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a><p>${date}${about}</p></li>`;
  });
  return `<section aria-labelledby="h-related" class="related"><h2 id="h-related">Related articles</h2><ul>${items.join('')}</ul></section>`;
}

/**
 * The public page of an article: its text exactly as published (escaped, paragraph by paragraph),
 * its date, what it is about as lists linking to the explorer, its source, and related articles.
 * Self-contained: no script, no file from elsewhere; its topics' feeds are announced for feed readers.
 */
export function renderArticlePage(origin: string, article: ArticlePageData): string {
  const date = article.publishedAt
    ? `<p>Published <time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(formatDay(article.publishedAt))}</time> by <a href="${escapeHtml(article.source.url)}">${escapeHtml(article.source.name)}</a></p>`
    : `<p>A standing page of <a href="${escapeHtml(article.source.url)}">${escapeHtml(article.source.name)}</a></p>`;
  const paragraphs = (article.body?.split('\n\n') ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const lists = SUBJECT_LISTS.filter(({ key }) => article[key].length > 0)
    .map(({ key, heading, param }) => {
      const items = article[key].map((s) => `<li><a href="/explore?${param}=${encodeURIComponent(s.slug)}">${escapeHtml(s.name)}</a></li>`).join('');
      return `<section aria-labelledby="h-${key}"><h2 id="h-${key}">${heading}</h2><ul>${items}</ul></section>`;
    })
    .join('\n');
  const head = [
    `<link rel="canonical" href="${escapeHtml(article.url)}">`,
    `<meta name="description" content="${escapeHtml(article.summary)}">`,
    ...article.topics.map((topic) => alternateLinks(origin, { subject: 'topic', slug: topic.slug }, `Quipu: ${topic.name}`)),
  ].join('\n');
  const main = `<article>
<header>
<h1>${escapeHtml(article.title)}</h1>
${date}
</header>
<p class="summary">${escapeHtml(article.summary)}</p>
${paragraphs}
</article>
${lists ? `<nav aria-label="What this article is about" class="subjects">\n${lists}\n</nav>` : ''}
<p>Source: <a href="${escapeHtml(article.source.url)}">${escapeHtml(article.source.name)}</a></p>
${relatedSection(article.related)}`;
  return page(article.title, head, main);
}

export function renderNotFoundPage(slug: string): string {
  return page(
    'Article not found',
    '<meta name="robots" content="noindex">',
    `<h1>Article not found</h1>\n<p>There is no article with the slug <code>${escapeHtml(slug)}</code>. It may have been renamed; <a href="/explore">search the news in the explorer</a>.</p>`,
  );
}
