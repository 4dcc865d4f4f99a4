import { toPostgres } from './translate';

describe('toPostgres', () => {
  it('numbers placeholders and quotes camelCase aliases, leaving literals and quoted names alone', () => {
    expect(toPostgres(`SELECT published_at AS publishedAt, 'it''s ? sortKey', "offset" FROM article WHERE id = ? ORDER BY sortKey LIMIT ?`)).toBe(
      `SELECT published_at AS "publishedAt", 'it''s ? sortKey', "offset" FROM article WHERE id = $1 ORDER BY "sortKey" LIMIT $2`,
    );
  });

  it('names a subquery in FROM that has no alias, and leaves one that has', () => {
    expect(toPostgres('SELECT count(*) AS n FROM (SELECT 1 FROM a LIMIT ?)')).toBe('SELECT count(*) AS n FROM (SELECT 1 FROM a LIMIT $1) AS subquery_1');
    expect(toPostgres('SELECT x FROM (SELECT y FROM (SELECT z) WHERE q) g WHERE TRUE')).toBe('SELECT x FROM (SELECT y FROM (SELECT z) AS subquery_1 WHERE q) g WHERE TRUE');
    expect(toPostgres('SELECT * FROM (SELECT 1) s JOIN (SELECT 2) ON TRUE')).toBe('SELECT * FROM (SELECT 1) s JOIN (SELECT 2) AS subquery_1 ON TRUE');
    expect(toPostgres('SELECT * FROM t WHERE id IN (SELECT id FROM u)')).toBe('SELECT * FROM t WHERE id IN (SELECT id FROM u)');
  });

  it("turns SQLite's CROSS JOIN ... ON into JOIN, keeps a real CROSS JOIN, and drops INDEXED BY", () => {
    expect(toPostgres('FROM link_total t CROSS JOIN article_link l JOIN s ON s.x = l.x CROSS JOIN (SELECT 1) m ON m.a = l.a WHERE TRUE')).toBe(
      'FROM link_total t CROSS JOIN article_link l JOIN s ON s.x = l.x JOIN (SELECT 1) m ON m.a = l.a WHERE TRUE',
    );
    expect(toPostgres('SELECT * FROM article a INDEXED BY article_order_newest WHERE a.id > ?')).toBe('SELECT * FROM article a WHERE a.id > $1');
  });
});
