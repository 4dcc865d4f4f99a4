/**
 * One reader: a child process with its own read-only connection to the WAL database, running the
 * statements its pool sends, one at a time. A process, not a worker thread, because a statement
 * runs inside SQLite's C code, where a thread cannot be stopped (Worker.terminate waits for the
 * statement to finish: 39 s for a 39 s statement, measured): the pool stops a runaway statement by
 * killing its process, which ends it at once.
 *
 * Messages: { id, mode: 'all' | 'get', text, params } or { id, mode: 'sets', request } in; { id, rows }
 * or { id, error } out. The pool's index processes answer 'sets' requests from their article index
 * (article-index.ts), or with null while that is being built; each also says { index: state } as that changes.
 * Self-contained (it imports the driver and its own modules only): from sources it is bundled on the fly (reader-pool.ts).
 */
import Database from 'better-sqlite3';
import { ArticleIndex } from '../article-index';
import type { SetRequest } from '../article-sets';
import { sqliteIndexSource } from './article-index-source';

type ReadMessage = { id: number; mode: 'all' | 'get'; text: string; params: unknown[] } | { id: number; mode: 'sets'; request: SetRequest };

const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
// Only WAL recovery or a checkpoint in progress can keep a reader waiting, briefly; the pool's time limit bounds it.
db.pragma('busy_timeout = 5000');
const statements = new Map<string, Database.Statement>();

function prepare(text: string): Database.Statement {
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare(text);
    // Dynamic IN-lists make many distinct texts; keep the cache from growing without bound.
    if (statements.size > 500) statements.clear();
    statements.set(text, statement);
  }
  return statement;
}

// The pool's index processes (argument `index`) keep the article index, built in steps between
// messages from the start; the others (`sql`) run statements only.
const withIndex = process.argv[3] === 'index';
const index = new ArticleIndex(sqliteIndexSource(db));
const betweenMessages = () => new Promise<void>((resolve) => setImmediate(resolve));
// Tells the pool when it builds and when it is ready: set requests go to it only when it is.
let building = false;
const buildIndex = () => {
  if (building || !withIndex) return;
  building = true;
  process.send!({ index: 'building' });
  void index.build(betweenMessages).then((ready) => {
    building = false;
    process.send!({ index: ready ? 'ready' : 'unusable' });
  });
};
buildIndex();

let answering = Promise.resolve();
process.on('message', (message: ReadMessage) => {
  try {
    if (message.mode === 'sets') {
      // One answer at a time, in the order asked: each is one read transaction on this connection.
      const { id, request } = message;
      answering = answering.then(async () => {
        try {
          process.send!({ id, rows: withIndex ? await index.answer(request, buildIndex) : null });
        } catch (error) {
          const { message: text, code } = error as { message: string; code?: string };
          process.send!({ id, error: { message: text, code } });
        }
      });
      return;
    }
    const statement = prepare(message.text);
    const rows = message.mode === 'get' ? statement.get(...message.params) : statement.all(...message.params);
    process.send!({ id: message.id, rows });
  } catch (error) {
    const { message: text, code } = error as { message: string; code?: string };
    process.send!({ id: message.id, error: { message: text, code } });
  }
});
// The pool is this process's only reason to live.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
