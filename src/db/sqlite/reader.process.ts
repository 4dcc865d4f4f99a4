/**
 * One reader: a child process with its own read-only connection to the WAL database, running the
 * statements its pool sends, one at a time. A process, not a worker thread, because a statement
 * runs inside SQLite's C code, where a thread cannot be stopped (Worker.terminate waits for the
 * statement to finish: 39 s for a 39 s statement, measured): the pool stops a runaway statement by
 * killing its process, which ends it at once.
 *
 * Messages: { id, mode: 'all' | 'get', text, params } in; { id, rows } or { id, error } out.
 * Self-contained (it imports the driver only): from sources it is bundled on the fly (reader-pool.ts).
 */
import Database from 'better-sqlite3';

interface ReadMessage {
  id: number;
  mode: 'all' | 'get';
  text: string;
  params: unknown[];
}

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

process.on('message', (message: ReadMessage) => {
  try {
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
