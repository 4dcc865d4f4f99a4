/**
 * Which articles a dated list shows. Feeds, the widget and the iframe page put a day beside every item
 * and order by it, so they leave out undated pages (standing pages such as "PSG Aims"): one rule, here,
 * for the server and the browser alike. Undated pages sort after every dated article in the API's
 * date orders, so leaving them out of the newest `n` keeps exactly the newest dated ones.
 */
export function isDated<T extends { publishedAt: string | null }>(article: T): article is T & { publishedAt: string } {
  return article.publishedAt !== null;
}
