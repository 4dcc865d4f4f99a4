import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ArticlesArgs } from '../article/article.args';
import { toConnection } from '../article/article.connection';
import { ArticleConnection } from '../article/article.types';
import { SubjectKind } from '../article/mention-kinds';
import { toGlobalId } from '../core/node';
import type { Context } from '../graph/context';
import { RelatedSubject } from '../links/links.types';
import { MAX_RELATED_SUBJECTS, relatedSubjects } from '../links/related';
import { listSubjects, SubjectListArgs, subjectConnectionType } from './subject-list';
import { type Subject, type SubjectTable } from './subject-table';

/**
 * The fields every subject type shares: `topic(slug)`, `topics(search, ...)`, and on each object
 * `id` and `articles(...)`. Subclass it per type and add what is particular (parent, children).
 */
export function createSubjectResolver<T extends Subject>(table: SubjectTable<T>, names: { one: string; many: string }) {
  const Connection = subjectConnectionType(table.Class, table.type);
  const label = table.type.toLowerCase();

  @Resolver(() => table.Class)
  abstract class SubjectResolver {
    @Query(() => table.Class, {
      name: names.one,
      nullable: true,
      description: `One ${label} by slug (an old slug of a renamed or merged ${label} finds the ${label} it became); null when there is none.`,
    })
    async one(@Ctx() ctx: Context, @Arg('slug', { description: `The ${label}’s slug.` }) slug: string): Promise<T | null> {
      const [row] = await ctx.sql.lookup<Record<string, unknown>>(
        `SELECT ${table.columns} FROM ${table.table} e WHERE e.slug = ? UNION ALL ` +
          `SELECT ${table.columns} FROM subject_redirect r JOIN ${table.table} e ON e.id = r.into_id WHERE r.subject_kind = ? AND r.slug = ? LIMIT 1`,
        [slug, table.kind, slug],
        { samePlan: true },
      );
      return row ? table.hydrate(row) : null;
    }

    @Query(() => Connection, { name: names.many, description: `All ${names.many} in name order, optionally searched by name.` })
    many(@Ctx() ctx: Context, @Args() args: SubjectListArgs) {
      return listSubjects(ctx.sql, table.kind, args);
    }

    @FieldResolver(() => ID, { description: 'Opaque global id.' })
    id(@Root() subject: T): string {
      return toGlobalId(table.type, subject.id);
    }

    @FieldResolver(() => ArticleConnection, {
      description: `Articles about this ${label}${table.tree ? ' or anything inside it' : ''}; the same arguments as the root \`articles\`.`,
    })
    async articles(@Root() subject: T, @Ctx() ctx: Context, @Args() args: ArticlesArgs): Promise<ArticleConnection> {
      // Plain copy: DataLoader keys compare by JSON, and args arrive as class instances.
      const plain = JSON.parse(JSON.stringify(args)) as ArticlesArgs;
      const { page, query } = await ctx.articles.scopedPages.load({ kind: table.kind, id: subject.id, args: plain });
      return toConnection(page, query, { kind: table.kind, id: subject.id, args: plain });
    }

    @FieldResolver(() => [RelatedSubject], {
      description:
        `The entities most often in the same articles as this ${label} (direct links), by count, most first, then by kind and id; ` +
        'with jaccard and lift over all articles, and the shared articles.',
    })
    related(
      @Root() subject: T,
      @Ctx() ctx: Context,
      @Arg('kinds', () => [SubjectKind], { nullable: true, description: 'Only entities of these kinds; all kinds when left out.' }) kinds: SubjectKind[] | null,
      @Arg('first', () => Int, { defaultValue: 10, description: `How many, 1–${MAX_RELATED_SUBJECTS}.` }) first: number,
    ): Promise<RelatedSubject[]> {
      return relatedSubjects(ctx, { kind: table.kind, id: subject.id }, kinds, first);
    }
  }
  return SubjectResolver;
}
