import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The words of a transition table's search vectors, one row per article and word. */
const words = (table: string) => `SELECT unnest(tsvector_to_array(search_vector)) AS word FROM ${table}`;

/** Adds `delta` (a query of word, n) to the counts, then drops the words no article holds any more (a partial index finds them). */
const apply = (delta: string) =>
  `INSERT INTO search_word (word, articles) SELECT word, n FROM (${delta}) d WHERE n <> 0 ` +
  'ON CONFLICT (word) DO UPDATE SET articles = search_word.articles + excluded.articles; ' +
  'DELETE FROM search_word WHERE articles <= 0;';

/** The rows of `from` whose search vector is not in `other` under the same id: what an UPDATE changed. */
const changed = (from: string, other: string) =>
  `(SELECT f.search_vector FROM ${from} f WHERE NOT EXISTS (SELECT 1 FROM ${other} o WHERE o.id = f.id AND o.search_vector IS NOT DISTINCT FROM f.search_vector))`;

const fn = (name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$`;

/**
 * How many articles hold each word of the search index (`search_word`), kept by statement-level triggers as the
 * link aggregates are: a one-word search's total is then a lookup (db/postgres/dialect.ts, countHits), where counting
 * the hits of a word most articles hold reads most of the table (400 ms at 100,000 articles, seconds at 1,000,000).
 * The counts start from what the table holds now (`ts_stat` reads every article once).
 */
export class SearchWords1765497600000 implements MigrationInterface {
  name = 'SearchWords1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE search_word (word text COLLATE "C" PRIMARY KEY, articles integer NOT NULL)');
    await queryRunner.query('CREATE INDEX search_word_none ON search_word (articles) WHERE articles <= 0');
    await queryRunner.query(fn('search_words_added', apply(`SELECT word, count(*) AS n FROM (${words('new_articles')}) w GROUP BY word`)));
    await queryRunner.query(fn('search_words_removed', apply(`SELECT word, -count(*) AS n FROM (${words('old_articles')}) w GROUP BY word`)));
    await queryRunner.query(
      fn(
        'search_words_changed',
        apply(
          `SELECT word, sum(n) AS n FROM (SELECT unnest(tsvector_to_array(search_vector)) AS word, 1 AS n FROM ${changed('new_articles', 'old_articles')} a ` +
            `UNION ALL SELECT unnest(tsvector_to_array(search_vector)), -1 FROM ${changed('old_articles', 'new_articles')} b) w GROUP BY word`,
        ),
      ),
    );
    await queryRunner.query(
      'CREATE TRIGGER search_word_insert AFTER INSERT ON article REFERENCING NEW TABLE AS new_articles FOR EACH STATEMENT EXECUTE FUNCTION search_words_added()',
    );
    await queryRunner.query(
      'CREATE TRIGGER search_word_delete AFTER DELETE ON article REFERENCING OLD TABLE AS old_articles FOR EACH STATEMENT EXECUTE FUNCTION search_words_removed()',
    );
    await queryRunner.query(
      'CREATE TRIGGER search_word_update AFTER UPDATE ON article REFERENCING OLD TABLE AS old_articles NEW TABLE AS new_articles FOR EACH STATEMENT EXECUTE FUNCTION search_words_changed()',
    );
    await queryRunner.query(COUNT_SEARCH_WORDS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER search_word_${event} ON article`);
    for (const name of ['added', 'removed', 'changed']) await queryRunner.query(`DROP FUNCTION search_words_${name}()`);
    await queryRunner.query('DROP TABLE search_word');
  }
}

/** Fills `search_word` from the articles as they are (an empty table first): after the migration, and after migrate-data's copy, which writes with the triggers off. */
export const COUNT_SEARCH_WORDS = "INSERT INTO search_word (word, articles) SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM article')";
