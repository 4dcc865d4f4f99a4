import Database from 'better-sqlite3';

/**
 * Serving connections are read-only: the bench never changes the database it measures, and several
 * processes (servers, in-process tasks) open the same file at once. A WAL database whose -shm file
 * cannot be created read-only is opened read-write instead, and the caller is told.
 */
export function openReadOnly(file: string): { db: Database.Database; readOnly: boolean } {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, readOnly: true };
  } catch (error) {
    if (!(error instanceof Error) || !/readonly|read-only|unable to open/i.test(error.message)) throw error;
    return { db: new Database(file, { fileMustExist: true }), readOnly: false };
  }
}

export interface DatabaseSummary {
  path: string;
  articles: number;
  links: number;
  topics: number;
  organisations: number;
  places: number;
  people: number;
  bytes: number;
  sqliteVersion: string;
}

export function summarise(file: string, db: Database.Database, bytes: number): DatabaseSummary {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    path: file,
    articles: count('article'),
    links: count('article_link'),
    topics: count('topic'),
    organisations: count('organisation'),
    places: count('place'),
    people: count('person'),
    bytes,
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
  };
}
