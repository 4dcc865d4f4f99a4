import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Article } from '../article/article.entity';
import { ARTICLE_COLUMNS, hydrateArticle } from '../article/article.query';
import { ArticleKind } from '../article/article-kind';
import { ChangeAction } from '../change/change-log';
import { BadUserInput, NotFound } from '../core/errors';
import { fromGlobalId, toGlobalId } from '../core/node';
import { LocalDate } from '../core/scalars';
import type { Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { insertArticle, updateArticle } from '../ingest/article-writer';
import { articleSlugTaken } from '../ingest/editorial';
import type { ParsedItem } from '../ingest/parse';
import { slugify } from '../ingest/slug';
import { contentHash } from '../ingest/upsert';
import { countArticle, uncountArticle } from '../timeline/timeline.counts';
import { checkVersion, extractLinks, type Write, writeAs } from './desk-writes';

const LIMITS = { title: 300, summary: 5_000, body: 200_000, slug: 120 };
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The source of articles editors write by hand. */
const EDITORS_SOURCE = 'Quipu editors';

@InputType({ description: 'A news item or standing page an editor writes by hand.' })
export class NewArticleInput {
  @Field({ description: `The title, 1 to ${LIMITS.title} characters.` })
  title!: string;

  @Field({ description: `The first paragraph, 1 to ${LIMITS.summary} characters.` })
  summary!: string;

  @Field(() => String, { nullable: true, description: `The paragraphs after the summary, separated by blank lines (at most ${LIMITS.body} characters); null: none.` })
  body?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The publication date (YYYY-MM-DD) of a news item; null: an undated standing page.' })
  publishedAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The slug; left out, `<date>-<title>` (or `<title>` for a page) as ingest makes it. Never one an article has or had.',
  })
  slug?: string | null;
}

@InputType({ description: 'What to change in an article; a field left out keeps its value. The slug never changes.' })
export class ArticlePatch {
  @Field(() => String, { nullable: true, description: `A new title, 1 to ${LIMITS.title} characters.` })
  title?: string | null;

  @Field(() => String, { nullable: true, description: `A new first paragraph, 1 to ${LIMITS.summary} characters.` })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'New paragraphs after the summary; null removes them.' })
  body?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'A new publication date; null makes the article an undated page.' })
  publishedAt?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What a deletion removed.' })
export class DeletedNode {
  @Field(() => ID, { description: 'The global id the node had; `node(id:)` now answers null.' })
  id!: string;

  @Field({ description: 'Its slug, which is never used again.' })
  slug!: string;
}

/** The stored article as the audit log keeps it. */
interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string | null;
  kind: ArticleKind;
  publishedAt: string | null;
  sourceId: number;
  version: number;
}

const ROW = 'SELECT id, slug, title, summary, body, kind, published_at AS publishedAt, source_id AS sourceId, version FROM article WHERE id = ?';

/** The article a global id names, in the transaction; NOT_FOUND for another type's id or a deleted article. */
export async function articleRow(tx: Sql, globalId: string, argument: string): Promise<ArticleRow> {
  const { type, id } = fromGlobalId(globalId, argument);
  if (type !== 'Article') throw new BadUserInput(`${argument} must be an article's id, got a ${type}'s`, argument);
  const row = await tx.get<ArticleRow>(ROW, [id]);
  if (!row) throw new NotFound(`no article has id ${globalId} (it may have been deleted)`, argument);
  return row;
}

/** The article as stored now, read after the write committed. */
export async function readArticle(ctx: Context, id: number): Promise<Article> {
  const [row] = await ctx.sql.lookup<Record<string, unknown>>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = ?`, [id]);
  return hydrateArticle(row);
}

/** Bumps an article's version and updated_at for a write to its links. */
export async function touchArticle(write: Write, id: number): Promise<void> {
  await write.tx.run('UPDATE article SET version = version + 1, updated_at = ? WHERE id = ?', [write.at, id]);
}

function text(value: string, field: keyof typeof LIMITS, argument: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > LIMITS[field]) {
    throw new BadUserInput(`${argument}.${field} must be 1 to ${LIMITS[field]} characters (not counting spaces around it), got ${trimmed.length}`, argument);
  }
  return trimmed;
}

function body(value: string | null | undefined, argument: string): string | null {
  if (value == null || value.trim() === '') return null;
  if (value.length > LIMITS.body) throw new BadUserInput(`${argument}.body must be at most ${LIMITS.body} characters, got ${value.length}`, argument);
  return value.trim();
}

const snapshot = (row: Omit<ArticleRow, 'id' | 'sourceId'>) => ({
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  body: row.body,
  kind: row.kind,
  publishedAt: row.publishedAt,
  version: row.version,
});

@Resolver()
export class ArticleMutations {
  @Mutation(() => Article, {
    description: 'Writes a new article by hand (editors). It is linked as ingested news is, by extraction, and appears at once in lists, search, facets, feeds and `changes`.',
  })
  async createArticle(@Ctx() ctx: Context, @Arg('input', () => NewArticleInput, { description: 'The article.' }) input: NewArticleInput): Promise<Article> {
    const title = text(input.title, 'title', 'input');
    const summary = text(input.summary, 'summary', 'input');
    const publishedAt = input.publishedAt ?? null;
    const slug = input.slug ?? (publishedAt ? `${publishedAt}-${slugify(title)}` : slugify(title));
    if (!SLUG.test(slug) || slug.length > LIMITS.slug) {
      throw new BadUserInput(`input.slug "${slug}" must be lower-case letters and digits joined by single hyphens, at most ${LIMITS.slug} characters`, 'input');
    }
    const item: ParsedItem = { kind: publishedAt ? ArticleKind.NEWS : ArticleKind.PAGE, slug, title, publishedAt, summary, body: body(input.body, 'input'), file: 'desk', line: 0 };
    const id = await writeAs(ctx, async (write) => {
      const { tx, at } = write;
      if (await articleSlugTaken(tx, slug)) {
        throw new BadUserInput(`input.slug "${slug}" is taken: an article has or had it; give another slug`, 'input');
      }
      await tx.run('INSERT INTO source (name, url) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [EDITORS_SOURCE, ctx.origin]);
      const sourceId = (await tx.get<{ id: number }>('SELECT id FROM source WHERE name = ?', [EDITORS_SOURCE]))!.id;
      const id = await insertArticle(tx, sourceId, item, contentHash(item), at);
      await tx.run('UPDATE article SET edited_at = ? WHERE id = ?', [at, id]);
      await extractLinks(ctx, tx, { id, ...item });
      await countArticle(tx, id);
      await write.record(ChangeAction.CREATED, { type: 'Article', id }, undefined, snapshot({ ...item, version: 1 }));
      return id;
    });
    return readArticle(ctx, id);
  }

  @Mutation(() => Article, {
    description:
      'Changes an article’s text or date (editors); it is linked again from its new text (an editor’s links stay). Ingest no longer rewrites an article an editor changed.',
  })
  async updateArticle(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The article’s global id.' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` you read: a write on an older one is refused with CONFLICT.' }) expectedVersion: number,
    @Arg('input', () => ArticlePatch, { description: 'What to change.' }) input: ArticlePatch,
  ): Promise<Article> {
    const articleId = await writeAs(ctx, async (write) => {
      const { tx, at } = write;
      const before = await articleRow(tx, id, 'id');
      checkVersion(`Article ${id}`, expectedVersion, before.version);
      const publishedAt = input.publishedAt === undefined ? before.publishedAt : input.publishedAt;
      const item: ParsedItem = {
        kind: publishedAt ? ArticleKind.NEWS : ArticleKind.PAGE,
        slug: before.slug,
        title: input.title == null ? before.title : text(input.title, 'title', 'input'),
        summary: input.summary == null ? before.summary : text(input.summary, 'summary', 'input'),
        body: input.body === undefined ? before.body : body(input.body, 'input'),
        publishedAt,
        file: 'desk',
        line: 0,
      };
      await uncountArticle(tx, before.id);
      await updateArticle(tx, before.id, before.sourceId, item, contentHash(item), at);
      await tx.run('UPDATE article SET edited_at = ? WHERE id = ?', [at, before.id]);
      await extractLinks(ctx, tx, { id: before.id, ...item });
      await countArticle(tx, before.id);
      await write.record(ChangeAction.UPDATED, { type: 'Article', id: before.id }, snapshot(before), snapshot({ ...item, version: before.version + 1 }));
      return before.id;
    });
    return readArticle(ctx, articleId);
  }

  @Mutation(() => DeletedNode, {
    description:
      'Deletes an article (editors): it leaves lists, search, facets and feeds at once, `changes` lists the deletion, and its slug is never used again, by ingest either.',
  })
  async deleteArticle(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The article’s global id.' }) id: string,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The `version` you read; a deletion on an older one is refused with CONFLICT. Left out: whatever the version.',
    })
    expectedVersion?: number | null,
  ): Promise<DeletedNode> {
    return writeAs(ctx, async (write) => {
      const { tx, at } = write;
      const before = await articleRow(tx, id, 'id');
      checkVersion(`Article ${id}`, expectedVersion, before.version);
      await uncountArticle(tx, before.id);
      await tx.run('INSERT INTO retired_article (id, slug, retired_at) VALUES (?, ?, ?)', [before.id, before.slug, at]);
      await tx.run('DELETE FROM article WHERE id = ?', [before.id]);
      await write.record(ChangeAction.DELETED, { type: 'Article', id: before.id }, snapshot(before), undefined);
      return { id: toGlobalId('Article', before.id), slug: before.slug };
    });
  }
}
