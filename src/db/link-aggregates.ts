/**
 * The co-occurrence aggregates: how many articles each subject is linked to, and each pair of
 * subjects together, kept exact on every write by triggers on `article_link` and `article`.
 *
 * Terminology. A subject is a (subject_kind, subject_id) of `article_link`. Counts are of DIRECT
 * links: an article about `artisanal-mining` counts for that topic, not for its parent `mining`
 * (article filters include subtrees; these counts do not, so that count, jaccard and lift of a pair
 * are all measured over the same link rows).
 *
 *   link_subject(subject, articles)      articles linked to the subject
 *   link_pair(a, b, articles)            articles linked to both a and b (a <> b), stored in both
 *                                        directions so that the neighbours of a subject are one range
 *   link_total(articles)                 articles stored, the N of lift
 *
 * The triggers see one link row at a time: a new link pairs with the links its article already has,
 * so every unordered pair of an article is counted exactly once however its links are inserted; a
 * deleted link (a re-ingest replacing rule links, an article deleted with its links) pairs off with
 * the links that remain. A link is never re-pointed in place (a trigger forbids it). The bulk writer
 * drops the triggers while it fills an empty database and runs `rebuildLinkAggregates` at the end.
 */

/** Every aggregate trigger's name starts with this (the bulk writer finds them by it). */
export const LINK_AGGREGATE_TRIGGER_PREFIX = 'link_agg_';

const canonical = 'a_kind < b_kind OR (a_kind = b_kind AND a_id < b_id)';

const pairIndexes = [
  // A subject's strongest neighbours of one kind: one index range, read in order.
  `CREATE INDEX "link_pair_neighbours" ON "link_pair" ("a_kind", "a_id", "b_kind", "articles" DESC)`,
  // The strongest pairs of two kinds, each pair once.
  `CREATE INDEX "link_pair_strength" ON "link_pair" ("a_kind", "b_kind", "articles" DESC) WHERE ${canonical}`,
];

export const createLinkAggregates = [
  `CREATE TABLE "link_subject" ("subject_kind" varchar NOT NULL, "subject_id" integer NOT NULL, "articles" integer NOT NULL, PRIMARY KEY ("subject_kind", "subject_id")) WITHOUT ROWID`,
  `CREATE INDEX "link_subject_articles" ON "link_subject" ("subject_kind", "articles" DESC)`,
  `CREATE TABLE "link_pair" ("a_kind" varchar NOT NULL, "a_id" integer NOT NULL, "b_kind" varchar NOT NULL, "b_id" integer NOT NULL, "articles" integer NOT NULL, PRIMARY KEY ("a_kind", "a_id", "b_kind", "b_id")) WITHOUT ROWID`,
  ...pairIndexes,
  `CREATE TABLE "link_total" ("id" integer PRIMARY KEY CHECK ("id" = 1), "articles" integer NOT NULL)`,
  `CREATE TRIGGER link_agg_article_insert AFTER INSERT ON article BEGIN
     UPDATE link_total SET articles = articles + 1;
   END`,
  `CREATE TRIGGER link_agg_article_delete AFTER DELETE ON article BEGIN
     UPDATE link_total SET articles = articles - 1;
   END`,
  `CREATE TRIGGER link_agg_link_insert AFTER INSERT ON article_link BEGIN
     INSERT INTO link_subject (subject_kind, subject_id, articles) VALUES (new.subject_kind, new.subject_id, 1)
       ON CONFLICT DO UPDATE SET articles = articles + 1;
     INSERT INTO link_pair (a_kind, a_id, b_kind, b_id, articles)
       SELECT new.subject_kind, new.subject_id, l.subject_kind, l.subject_id, 1 FROM article_link l
       WHERE l.article_id = new.article_id AND NOT (l.subject_kind = new.subject_kind AND l.subject_id = new.subject_id)
       ON CONFLICT DO UPDATE SET articles = articles + 1;
     INSERT INTO link_pair (a_kind, a_id, b_kind, b_id, articles)
       SELECT l.subject_kind, l.subject_id, new.subject_kind, new.subject_id, 1 FROM article_link l
       WHERE l.article_id = new.article_id AND NOT (l.subject_kind = new.subject_kind AND l.subject_id = new.subject_id)
       ON CONFLICT DO UPDATE SET articles = articles + 1;
   END`,
  `CREATE TRIGGER link_agg_link_delete AFTER DELETE ON article_link BEGIN
     UPDATE link_subject SET articles = articles - 1 WHERE subject_kind = old.subject_kind AND subject_id = old.subject_id;
     DELETE FROM link_subject WHERE subject_kind = old.subject_kind AND subject_id = old.subject_id AND articles <= 0;
     UPDATE link_pair SET articles = articles - 1
       WHERE (a_kind, a_id, b_kind, b_id) IN (SELECT old.subject_kind, old.subject_id, l.subject_kind, l.subject_id FROM article_link l WHERE l.article_id = old.article_id
                                              UNION ALL SELECT l.subject_kind, l.subject_id, old.subject_kind, old.subject_id FROM article_link l WHERE l.article_id = old.article_id);
     DELETE FROM link_pair WHERE articles <= 0
       AND (a_kind, a_id, b_kind, b_id) IN (SELECT old.subject_kind, old.subject_id, l.subject_kind, l.subject_id FROM article_link l WHERE l.article_id = old.article_id
                                            UNION ALL SELECT l.subject_kind, l.subject_id, old.subject_kind, old.subject_id FROM article_link l WHERE l.article_id = old.article_id);
   END`,
  `CREATE TRIGGER link_agg_link_repoint BEFORE UPDATE OF article_id, subject_kind, subject_id ON article_link BEGIN
     SELECT RAISE(ABORT, 'article_link: delete the link and insert the new one instead of re-pointing it (the co-occurrence aggregates count inserts and deletes)');
   END`,
];

/**
 * Recomputes every aggregate from the links: what the triggers would have left. Each pair is grouped
 * once (a < b) and then mirrored, half the work of grouping both directions; the pair indexes are
 * made again afterwards (sorting once beats keeping them in step row by row).
 */
export const rebuildLinkAggregates = [
  'DELETE FROM link_subject',
  'INSERT INTO link_subject (subject_kind, subject_id, articles) SELECT subject_kind, subject_id, count(*) FROM article_link GROUP BY subject_kind, subject_id',
  'DROP INDEX IF EXISTS link_pair_neighbours',
  'DROP INDEX IF EXISTS link_pair_strength',
  'DELETE FROM link_pair',
  'INSERT INTO link_pair (a_kind, a_id, b_kind, b_id, articles) ' +
    'SELECT x.subject_kind, x.subject_id, y.subject_kind, y.subject_id, count(*) FROM article_link x JOIN article_link y ON y.article_id = x.article_id ' +
    'AND (x.subject_kind < y.subject_kind OR (x.subject_kind = y.subject_kind AND x.subject_id < y.subject_id)) ' +
    'GROUP BY x.subject_kind, x.subject_id, y.subject_kind, y.subject_id',
  `INSERT INTO link_pair (a_kind, a_id, b_kind, b_id, articles) SELECT b_kind, b_id, a_kind, a_id, articles FROM link_pair WHERE ${canonical}`,
  ...pairIndexes,
  'DELETE FROM link_total',
  'INSERT INTO link_total (id, articles) SELECT 1, count(*) FROM article',
];

export const dropLinkAggregates = [
  'DROP TRIGGER IF EXISTS link_agg_link_repoint',
  'DROP TRIGGER IF EXISTS link_agg_link_delete',
  'DROP TRIGGER IF EXISTS link_agg_link_insert',
  'DROP TRIGGER IF EXISTS link_agg_article_delete',
  'DROP TRIGGER IF EXISTS link_agg_article_insert',
  'DROP TABLE IF EXISTS link_total',
  'DROP TABLE IF EXISTS link_pair',
  'DROP TABLE IF EXISTS link_subject',
];

/** The aggregates as a from-scratch GROUP BY over the links would give them, in storage order (tests compare). */
export const aggregatesFromScratch = {
  link_subject: 'SELECT subject_kind, subject_id, count(*) AS articles FROM article_link GROUP BY 1, 2 ORDER BY 1, 2',
  link_pair:
    'SELECT x.subject_kind AS a_kind, x.subject_id AS a_id, y.subject_kind AS b_kind, y.subject_id AS b_id, count(*) AS articles ' +
    'FROM article_link x JOIN article_link y ON y.article_id = x.article_id AND NOT (y.subject_kind = x.subject_kind AND y.subject_id = x.subject_id) ' +
    'GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
  link_total: 'SELECT 1 AS id, count(*) AS articles FROM article',
};

/** The aggregates as stored, in the order of aggregatesFromScratch. */
export const aggregatesStored = {
  link_subject: 'SELECT subject_kind, subject_id, articles FROM link_subject ORDER BY 1, 2',
  link_pair: 'SELECT a_kind, a_id, b_kind, b_id, articles FROM link_pair ORDER BY 1, 2, 3, 4',
  link_total: 'SELECT id, articles FROM link_total',
};
