import type Database from 'better-sqlite3';

/**
 * The subjects and words the operations use, chosen from the data so the same code benches the
 * seed fixture and a 1M-article corpus: the most linked ("hot", and the top five) and a least
 * linked leaf ("rare") topic, the most linked place, the last two years of news, a recent article
 * linked to all four kinds, and search terms by document frequency.
 */
export interface Picks {
  hotTopic: string;
  /** Database ids of the five most linked topics: five lists of 100 make the 500-item case. */
  topTopicIds: number[];
  rareTopic: string;
  hotPlace: string;
  dateFrom: string;
  dateTo: string;
  article: string;
  terms: { rare: string; medium: string; common: string; counts: Record<string, number> };
  /** Global ids for the analyst queries: the most and a least linked topic and organisation. */
  ids: { hotTopic: string; rareTopic: string; hotOrganisation: string; rareOrganisation: string };
}

function one<T>(db: Database.Database, text: string, what: string): T {
  const row = db.prepare(text).get() as T | undefined;
  if (!row) throw new Error(`the database has no ${what} to bench with`);
  return row;
}

function linkCounts(kind: string, order: 'ASC' | 'DESC', leafOnly: boolean, table: string): string {
  const leaf = leafOnly ? `AND NOT EXISTS (SELECT 1 FROM ${table} c WHERE c.parent_id = e.id)` : '';
  return (
    `SELECT e.slug AS slug, n FROM (SELECT subject_id, count(*) AS n FROM article_link WHERE subject_kind = '${kind}' GROUP BY subject_id) c ` +
    `JOIN ${table} e ON e.id = c.subject_id WHERE 1 ${leaf} ORDER BY n ${order}, e.slug LIMIT 1`
  );
}

export function pickSubjects(db: Database.Database): Picks {
  const hotTopic = one<{ slug: string }>(db, linkCounts('TOPIC', 'DESC', false, 'topic'), 'linked topic').slug;
  const topTopicIds = (
    db.prepare("SELECT subject_id AS id FROM article_link WHERE subject_kind = 'TOPIC' GROUP BY subject_id ORDER BY count(*) DESC, subject_id LIMIT 5").all() as { id: number }[]
  ).map((row) => row.id);
  const rareTopic = one<{ slug: string }>(db, linkCounts('TOPIC', 'ASC', true, 'topic'), 'linked leaf topic').slug;
  const hotPlace = one<{ slug: string }>(db, linkCounts('PLACE', 'DESC', false, 'place'), 'linked place').slug;
  const { last } = one<{ last: string }>(db, 'SELECT max(published_at) AS last FROM article', 'dated article');
  const dateFrom = `${Number(last.slice(0, 4)) - 2}${last.slice(4)}`;
  // Newest first through the date index: stops at the first article linked to all four kinds.
  const article =
    (
      db
        .prepare(
          'SELECT a.slug FROM article a WHERE (SELECT count(DISTINCT subject_kind) FROM article_link l WHERE l.article_id = a.id) = 4 ' +
            'ORDER BY a.published_at DESC, a.id DESC LIMIT 1',
        )
        .get() as { slug: string } | undefined
    )?.slug ?? one<{ slug: string }>(db, 'SELECT a.slug FROM article a ORDER BY a.published_at DESC, a.id DESC LIMIT 1', 'article').slug;
  return { hotTopic, topTopicIds, rareTopic, hotPlace, dateFrom, dateTo: last, article, terms: pickTerms(db), ids: pickIds(db, hotTopic, rareTopic) };
}

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');

function pickIds(db: Database.Database, hotTopic: string, rareTopic: string): Picks['ids'] {
  const topicId = (slug: string) => one<{ id: number }>(db, `SELECT id FROM topic WHERE slug = '${slug}'`, `topic ${slug}`).id;
  const organisation = (order: 'ASC' | 'DESC') =>
    one<{ id: number }>(
      db,
      `SELECT subject_id AS id FROM article_link WHERE subject_kind = 'ORGANISATION' GROUP BY subject_id ORDER BY count(*) ${order}, subject_id LIMIT 1`,
      'linked organisation',
    ).id;
  return {
    hotTopic: globalId('Topic', topicId(hotTopic)),
    rareTopic: globalId('Topic', topicId(rareTopic)),
    hotOrganisation: globalId('Organisation', organisation('DESC')),
    rareOrganisation: globalId('Organisation', organisation('ASC')),
  };
}

/**
 * Candidate words from titles spread over the table, counted with the FTS index itself; rare is
 * the least frequent, common the most, medium the one nearest their geometric mean.
 */
function pickTerms(db: Database.Database): Picks['terms'] {
  const { lo, hi } = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM article').get() as { lo: number; hi: number };
  const title = db.prepare('SELECT title FROM article WHERE id >= ? ORDER BY id LIMIT 1');
  const words = new Set<string>();
  for (let i = 0; i < 40 && words.size < 60; i++) {
    const row = title.get(Math.round(lo + ((hi - lo) * i) / 39)) as { title: string } | undefined;
    for (const word of row?.title.toLowerCase().match(/\p{L}{4,}/gu) ?? []) words.add(word);
  }
  const count = db.prepare('SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH ?');
  const counts: Record<string, number> = {};
  for (const word of words) counts[word] = (count.get(`"${word}"`) as { n: number }).n;
  const ranked = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  if (ranked.length === 0) throw new Error('no searchable words found in article titles');
  const rare = ranked[0];
  const common = ranked[ranked.length - 1];
  const target = Math.sqrt(rare[1] * common[1]);
  const medium = ranked.reduce((best, entry) => (Math.abs(Math.log(entry[1] / target)) < Math.abs(Math.log(best[1] / target)) ? entry : best));
  return { rare: rare[0], medium: medium[0], common: common[0], counts: { [rare[0]]: rare[1], [medium[0]]: medium[1], [common[0]]: common[1] } };
}
