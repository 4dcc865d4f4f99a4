/**
 * What every editor's write shares: the version check, the audit record, the change record, and the
 * extraction an article's text goes through, as at ingest. Each mutation runs all of its statements
 * in one transaction (`writeAs`): a refused or failed write leaves the database as it was.
 */
import { ChangeAction, type NodeRef, recordChange } from '../change/change-log';
import { Conflict } from '../core/errors';
import type { Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { insertLinks, linkColumns, replaceSuggestions } from '../ingest/article-writer';
import { editorialExtractor, storedSubjectIds } from '../ingest/editorial';
import { type Editor, requireEditor } from './editor';

/** What a mutation's work gets: the transaction, who writes, and the time of the write. */
export interface Write {
  tx: Sql;
  editor: Editor;
  at: string;
  /**
   * Records the write in the audit log (before and after as JSON) and in the change log: as `action`
   * on `node` unless `change` says otherwise; `change: null` when nothing a client mirrors changed.
   */
  record(action: string, node: NodeRef, before: unknown, after: unknown, change?: { action: ChangeAction; subject?: NodeRef } | null): Promise<void>;
}

/** Runs `work` for the request's editor in one write transaction. */
export function writeAs<T>(ctx: Context, work: (write: Write) => Promise<T>): Promise<T> {
  const editor = requireEditor(ctx);
  return ctx.sql.transaction((tx) => {
    const at = new Date().toISOString();
    return work({
      tx,
      editor,
      at,
      async record(action, node, before, after, change) {
        await tx.run('INSERT INTO audit_entry (at, key_id, key_name, action, node_type, node_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          at,
          editor.keyId,
          editor.name,
          action,
          node.type,
          node.id,
          before === undefined ? null : JSON.stringify(before),
          after === undefined ? null : JSON.stringify(after),
        ]);
        if (change === null) return;
        const changeAction = change?.action ?? (Object.values(ChangeAction).includes(action as ChangeAction) ? (action as ChangeAction) : ChangeAction.UPDATED);
        await recordChange(tx, at, changeAction, node, change?.subject);
      },
    });
  });
}

/** Refuses a write made on another version than the stored one. */
export function checkVersion(what: string, expected: number | null | undefined, current: number): void {
  if (expected == null || expected === current) return;
  throw new Conflict(
    `${what} is at version ${current}, not ${expected}: someone changed it since you read it. Read it again, then repeat your change with expectedVersion: ${current}`,
    expected,
    current,
  );
}

/**
 * Links an article's text anew, as ingest does: its rule links replaced by those extraction finds
 * (links an editor removed stay removed), its suggestions replaced; an editor's links stay.
 */
export async function extractLinks(ctx: Context, tx: Sql, article: { id: number; title: string; summary: string; body: string | null }): Promise<void> {
  if (!ctx.catalogue) throw new Error('the server was started without a catalogue: articles cannot be linked');
  const extract = await editorialExtractor(tx, ctx.catalogue());
  const extracted = extract.withSuggestions(article);
  const ids = await storedSubjectIds(tx);
  // A subject the files name but the database does not hold yet (the seeds changed, `npm run seed` not run) links nothing here.
  const links = extracted.links.filter((link) => ids.get(link.kind)?.has(link.slug));
  await tx.run("DELETE FROM article_link WHERE article_id = ? AND provenance = 'RULE'", [article.id]);
  await insertLinks(tx, [article.id], linkColumns([{ links }]), ids);
  await replaceSuggestions(tx, [article.id], [extracted.suggestions]);
}
