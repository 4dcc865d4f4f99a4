import { Arg, Ctx, Float, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Article } from '../article/article.entity';
import { Provenance, type SubjectKind } from '../article/mention-kinds';
import { ChangeAction } from '../change/change-log';
import { BadUserInput, NotFound } from '../core/errors';
import { fromGlobalId, type NodeType } from '../core/node';
import type { Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { subjectTables } from '../subject/subject-table';
import { countArticle, uncountArticle } from '../timeline/timeline.counts';
import { articleRow, readArticle, touchArticle } from './article.mutations';
import { checkVersion, writeAs } from './desk-writes';

const KIND_OF_TYPE: Partial<Record<NodeType, SubjectKind>> = Object.fromEntries(Object.values(subjectTables).map((t) => [t.type, t.kind]));

export interface SubjectRef {
  kind: SubjectKind;
  type: NodeType;
  id: number;
  slug: string;
  version: number;
}

/** The topic, organisation, place or person a global id names (a merged one's id: its survivor), in the transaction. */
export async function subjectRef(tx: Sql, globalId: string, argument: string): Promise<SubjectRef> {
  const { type, id } = fromGlobalId(globalId, argument);
  const kind = KIND_OF_TYPE[type];
  if (!kind) throw new BadUserInput(`${argument} must be the id of a topic, organisation, place or person, got a ${type}'s`, argument);
  const { table } = subjectTables[kind];
  const row = await tx.get<{ id: number; slug: string; version: number }>(
    `SELECT id, slug, version FROM ${table} WHERE id = ? UNION ALL SELECT e.id, e.slug, e.version FROM subject_redirect r JOIN ${table} e ON e.id = r.into_id ` +
      'WHERE r.subject_kind = ? AND r.from_id = ? LIMIT 1',
    [id, kind, id],
  );
  if (!row) throw new NotFound(`no ${type.toLowerCase()} has id ${globalId}`, argument);
  return { kind, type, ...row };
}

/** The article's link to the subject as stored, if any. */
function storedLink(tx: Sql, articleId: number, subject: SubjectRef): Promise<{ provenance: Provenance; relevance: number } | undefined> {
  return tx.get('SELECT provenance, relevance FROM article_link WHERE article_id = ? AND subject_kind = ? AND subject_id = ?', [articleId, subject.kind, subject.id]);
}

@Resolver()
export class LinkMutations {
  @Mutation(() => Article, {
    description:
      'Links an article to a topic, organisation, place or person (editors), with provenance EDITOR: no re-ingest or re-link removes it. A rule’s link to the same subject becomes the editor’s.',
  })
  async linkSubject(
    @Ctx() ctx: Context,
    @Arg('article', () => ID, { description: 'The article’s global id.' }) article: string,
    @Arg('subject', () => ID, { description: 'The global id of a topic, organisation, place or person.' }) subject: string,
    @Arg('relevance', () => Float, { defaultValue: 1, description: 'How strongly the article is about the subject, from 0 to 1 (default 1).' }) relevance: number,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The article’s `version` you read; left out: whatever the version.' }) expectedVersion?: number | null,
  ): Promise<Article> {
    if (!(relevance > 0 && relevance <= 1)) throw new BadUserInput(`relevance must be above 0 and at most 1, got ${relevance}`, 'relevance');
    const id = await writeAs(ctx, async (write) => {
      const { tx, at, editor } = write;
      const row = await articleRow(tx, article, 'article');
      checkVersion(`Article ${article}`, expectedVersion, row.version);
      const target = await subjectRef(tx, subject, 'subject');
      const existing = await storedLink(tx, row.id, target);
      if (existing?.provenance === Provenance.EDITOR && existing.relevance === relevance) return row.id;
      const made = JSON.stringify({ keyId: editor.keyId, name: editor.name, at });
      await uncountArticle(tx, row.id);
      await tx.run('DELETE FROM link_veto WHERE article_id = ? AND subject_kind = ? AND subject_id = ?', [row.id, target.kind, target.id]);
      if (existing) {
        // Made the editor's where it stands: its evidence stays, and no trigger sees a link come and go.
        await tx.run('UPDATE article_link SET provenance = ?, relevance = ?, editor = ? WHERE article_id = ? AND subject_kind = ? AND subject_id = ?', [
          Provenance.EDITOR,
          relevance,
          made,
          row.id,
          target.kind,
          target.id,
        ]);
      } else {
        await tx.run('INSERT INTO article_link (article_id, subject_kind, subject_id, relevance, provenance, evidence, editor) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          row.id,
          target.kind,
          target.id,
          relevance,
          Provenance.EDITOR,
          '[]',
          made,
        ]);
      }
      await countArticle(tx, row.id);
      await touchArticle(write, row.id);
      const link = { subject: `${target.type}:${target.slug}` };
      await write.record(
        'LINKED',
        { type: 'Article', id: row.id },
        existing ? { ...link, ...existing } : null,
        { ...link, provenance: Provenance.EDITOR, relevance },
        { action: ChangeAction.LINKED, subject: { type: target.type, id: target.id } },
      );
      return row.id;
    });
    return readArticle(ctx, id);
  }

  @Mutation(() => Article, {
    description:
      'Removes an article’s link to a subject (editors), whoever made it; a rule never makes it again, through every re-ingest and re-link, until an editor links it again.',
  })
  async unlinkSubject(
    @Ctx() ctx: Context,
    @Arg('article', () => ID, { description: 'The article’s global id.' }) article: string,
    @Arg('subject', () => ID, { description: 'The global id of a topic, organisation, place or person.' }) subject: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The article’s `version` you read; left out: whatever the version.' }) expectedVersion?: number | null,
  ): Promise<Article> {
    const id = await writeAs(ctx, async (write) => {
      const { tx, at, editor } = write;
      const row = await articleRow(tx, article, 'article');
      checkVersion(`Article ${article}`, expectedVersion, row.version);
      const target = await subjectRef(tx, subject, 'subject');
      const existing = await storedLink(tx, row.id, target);
      const vetoed = await tx.run('INSERT INTO link_veto (article_id, subject_kind, subject_id, key_name, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        row.id,
        target.kind,
        target.id,
        editor.name,
        at,
      ]);
      if (!existing && vetoed.changes === 0) return row.id;
      if (existing) {
        await uncountArticle(tx, row.id);
        await tx.run('DELETE FROM article_link WHERE article_id = ? AND subject_kind = ? AND subject_id = ?', [row.id, target.kind, target.id]);
        await countArticle(tx, row.id);
        await touchArticle(write, row.id);
      }
      await write.record(
        'UNLINKED',
        { type: 'Article', id: row.id },
        existing ? { subject: `${target.type}:${target.slug}`, ...existing } : null,
        null,
        existing ? { action: ChangeAction.UNLINKED, subject: { type: target.type, id: target.id } } : null,
      );
      return row.id;
    });
    return readArticle(ctx, id);
  }
}
