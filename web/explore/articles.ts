/**
 * The article list: each title a link to the article's page, its date, its summary with the evidence
 * of each link marked, and why it is in the list: the links to what the filters chose, with the
 * words that made each link (the evidence may be in the body, which the list does not show).
 */
import { formatDay } from '../../src/core/dates';
import type { ArticleRow } from './api';
import { appendHighlighted } from './highlight';
import { type ExploreState, KIND_INFO } from './state';

const FIELD_NAMES = { TITLE: 'title', SUMMARY: 'summary', BODY: 'text' } as const;

/** The page's language, for dates: the explorer is written in English. */
const pageLanguage = () => document.documentElement.lang;

export function renderArticle(article: ArticleRow, state: ExploreState): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'article';
  item.dataset.slug = article.slug;
  const title = document.createElement('h3');
  const link = document.createElement('a');
  link.href = `/articles/${encodeURIComponent(article.slug)}`;
  appendHighlighted(link, article.title, 'TITLE', article.mentions);
  title.append(link);
  const meta = document.createElement('p');
  meta.className = 'meta';
  if (article.publishedAt) {
    const time = document.createElement('time');
    time.dateTime = article.publishedAt;
    time.textContent = formatDay(article.publishedAt, pageLanguage());
    meta.append(time);
  } else {
    meta.append('Standing page');
  }
  const summary = document.createElement('p');
  appendHighlighted(summary, article.summary, 'SUMMARY', article.mentions);
  item.append(title, meta, summary);
  if (article.mentions.length > 0) item.append(whyItMatched(article, state));
  return item;
}

/**
 * One line per link of the article, those the filters chose first and named as such: the subject,
 * and the words that made the link, with where they are. A chosen topic or place the article is in
 * only through a narrower one (mining through artisanal mining) shows as that narrower link.
 */
function whyItMatched(article: ArticleRow, state: ExploreState): HTMLElement {
  const chosen = (mention: ArticleRow['mentions'][number]) => state.slugs[mention.kind].includes(mention.subject.slug);
  const mentions = [...article.mentions].sort((a, b) => Number(chosen(b)) - Number(chosen(a)));
  const why = document.createElement('details');
  why.className = 'why';
  const heading = document.createElement('summary');
  const matched = mentions.filter(chosen).map((mention) => mention.subject.name);
  heading.textContent = matched.length > 0 ? `Why it is here: linked to ${matched.join(', ')}` : `What it is linked to (${mentions.length})`;
  const list = document.createElement('ul');
  for (const mention of mentions) {
    const line = document.createElement('li');
    const name = document.createElement(chosen(mention) ? 'strong' : 'span');
    name.textContent = `${KIND_INFO[mention.kind].label} ${mention.subject.name}`;
    const seen = new Set<string>();
    const words = mention.evidence
      .map((evidence) => `“${evidence.text}” in the ${FIELD_NAMES[evidence.field]}`)
      .filter((text) => !seen.has(text) && seen.add(text))
      .slice(0, 3);
    line.append(name, words.length > 0 ? `: ${words.join(', ')}` : ': linked by an editor');
    list.append(line);
  }
  why.append(heading, list);
  return why;
}
