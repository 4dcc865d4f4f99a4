/** The article list: title, date and summary with the evidence of each link marked. */
import type { ArticleRow } from './api';
import { appendHighlighted } from './highlight';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function renderArticle(article: ArticleRow): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'article';
  item.dataset.slug = article.slug;
  const title = document.createElement('h3');
  appendHighlighted(title, article.title, 'TITLE', article.mentions);
  const meta = document.createElement('p');
  meta.className = 'meta';
  if (article.publishedAt) {
    const time = document.createElement('time');
    time.dateTime = article.publishedAt;
    time.textContent = DAY.format(new Date(`${article.publishedAt}T00:00:00Z`));
    meta.append(time);
  } else {
    meta.append('Standing page');
  }
  const subjects = article.mentions.map((mention) => mention.subject.name);
  if (subjects.length > 0) meta.append(` · about ${subjects.join(', ')}`);
  const summary = document.createElement('p');
  appendHighlighted(summary, article.summary, 'SUMMARY', article.mentions);
  item.append(title, meta, summary);
  return item;
}
