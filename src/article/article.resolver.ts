import { type FieldNode, type GraphQLResolveInfo, Kind } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInput } from '../core/errors';
import { fromGlobalId, toGlobalId } from '../core/node';
import { articleUrl } from '../feed/feed-links';
import type { Context } from '../graph/context';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { Source } from '../source/source.entity';
import type { Subject } from '../subject/subject-table';
import { Topic } from '../topic/topic.entity';
import { ArticlesArgs } from './article.args';
import { articleConnection } from './article.connection';
import { Article } from './article.entity';
import { ARTICLE_COLUMNS, hydrateArticle } from './article.query';
import { MAX_RELATED, sharedEntities } from './article.related';
import { ArticleConnection, type Evidence, type LinkEditor, Mention, RelatedArticle } from './article.types';
import { type Provenance, SubjectKind } from './mention-kinds';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'One article by slug or by global id (give exactly one); null when there is none.' })
  async article(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('slug', () => String, { nullable: true, description: 'The article’s slug.' }) slug?: string | null,
    @Arg('id', () => ID, { nullable: true, description: 'The article’s global id.' }) id?: string | null,
  ): Promise<Article | null> {
    if ((slug == null) === (id == null)) throw new BadUserInput('give exactly one of slug or id', slug == null ? 'slug' : 'id');
    const ref = id != null ? fromGlobalId(id) : null;
    if (ref && ref.type !== 'Article') return null;
    const key = ref ? `article:id:${ref.id}` : `article:slug:${slug}`;
    // The article seen under this key before: its fields' statements go out with the row's, not after it (db/hints.ts).
    const seen = ctx.sql.hints.get<ArticleHint>(key);
    if (seen) loadAhead(ctx, seen, info);
    const article = ref
      ? await ctx.articles.byId.load(ref.id)
      : await ctx.sql
          .lookup<Record<string, unknown>>(`SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.slug = ?`, [slug!], { samePlan: true })
          .then(([row]) => (row ? hydrateArticle(row) : null));
    if (article) ctx.sql.hints.set(key, { id: article.id, sourceId: article.sourceId } satisfies ArticleHint);
    return article;
  }

  @Query(() => ArticleConnection, { description: 'Articles, filtered, searched, ordered and paginated, with total and facets.' })
  articles(@Ctx() ctx: Context, @Args() args: ArticlesArgs, @Info() info: GraphQLResolveInfo): Promise<ArticleConnection> {
    return articleConnection(ctx.sql, args, asksFor(info, 'totalCount'));
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() article: Article): string {
    return toGlobalId('Article', article.id);
  }

  @FieldResolver(() => String, {
    description:
      'Absolute URL of the article’s public page (`/articles/<slug>`), on PUBLIC_URL when set, else on the request’s host when ALLOWED_HOSTS allows it (else the first allowed host).',
  })
  url(@Root() article: Article, @Ctx() ctx: Context): string {
    return articleUrl(ctx.origin, article.slug);
  }

  @FieldResolver(() => Source, { description: 'The publisher.' })
  async source(@Root() article: Article, @Ctx() ctx: Context): Promise<Source> {
    return (await ctx.articles.sourceById.load(article.sourceId))!;
  }

  @FieldResolver(() => [Topic], { description: 'Topics the article is about, most relevant first.' })
  topics(@Root() article: Article, @Ctx() ctx: Context): Promise<Subject[]> {
    return ctx.subjects.ofArticle.TOPIC.load(article.id);
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations the article is about, most relevant first.' })
  organisations(@Root() article: Article, @Ctx() ctx: Context): Promise<Subject[]> {
    return ctx.subjects.ofArticle.ORGANISATION.load(article.id);
  }

  @FieldResolver(() => [Place], { description: 'Places the article is about, most relevant first.' })
  places(@Root() article: Article, @Ctx() ctx: Context): Promise<Subject[]> {
    return ctx.subjects.ofArticle.PLACE.load(article.id);
  }

  @FieldResolver(() => [Person], { description: 'People the article is about, most relevant first.' })
  people(@Root() article: Article, @Ctx() ctx: Context): Promise<Subject[]> {
    return ctx.subjects.ofArticle.PERSON.load(article.id);
  }

  @FieldResolver(() => [Mention], { description: 'Every link of the article with its evidence, most relevant first: why it carries each tag.' })
  async mentions(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Arg('kinds', () => [SubjectKind], { nullable: true, description: 'Only links to these kinds of subject.' }) kinds?: SubjectKind[] | null,
  ): Promise<Mention[]> {
    // The links and their subjects in one round: the subjects come from the loaders the relation fields use.
    const [all, linked] = await Promise.all([ctx.articles.links.load(article.id), linkedSubjects(ctx, article.id, kinds ?? SUBJECT_KINDS)]);
    const links = all.filter((link) => !kinds || kinds.includes(link.subjectKind));
    const subjects = await Promise.all(links.map((link) => subjectIn(ctx, linked, link.subjectKind, link.subjectId)));
    return links.map((link, i) => ({
      subject: subjects[i]!,
      kind: link.subjectKind,
      relevance: link.relevance,
      provenance: link.provenance as Provenance,
      evidence: JSON.parse(link.evidence) as Evidence[],
      editor: link.editor === null ? null : (JSON.parse(link.editor) as LinkEditor),
    }));
  }

  @FieldResolver(() => [RelatedArticle], {
    description:
      'Articles that share subjects with this one, best first: score (the summed rarity weights of the shared subjects) descending, ' +
      'then newest, then id; with the shared subjects and their weights as the reason. Candidates are bounded (see docs/analysts.md, "Related articles").',
  })
  async related(
    @Root() article: Article,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 5, description: `How many, 0–${MAX_RELATED}.` }) first: number,
  ): Promise<RelatedArticle[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_RELATED) {
      throw new BadUserInput(`first must be between 0 and ${MAX_RELATED}, got ${first}`, 'first');
    }
    const rows = (await ctx.articles.related.load(article.id)).slice(0, first);
    const shared = rows.map(sharedEntities);
    // What two articles share is this article's: its subjects, from the loaders the relation fields use.
    const linked = linkedSubjects(ctx, article.id, [...new Set(shared.flat().map((entity) => entity.kind))]);
    return Promise.all(
      rows.map(async (row, r) => {
        const [related, ...subjects] = await Promise.all([
          ctx.articles.byId.load(row.relatedId),
          ...shared[r].map(async (entity) => subjectIn(ctx, await linked, entity.kind, entity.id)),
        ]);
        return {
          article: related as Article,
          score: row.score,
          shared: subjects as Subject[],
          reasons: shared[r].map((entity, i) => ({ subject: subjects[i] as Subject, weight: entity.weight, articleCount: entity.articles })),
        };
      }),
    );
  }
}

const SUBJECT_KINDS = Object.values(SubjectKind);

/** What `article` remembers of an article it answered with (db/hints.ts). */
interface ArticleHint {
  id: number;
  sourceId: number;
}

/** The relation fields whose loaders take the article's id, by field name. */
const RELATION_KINDS = new Map<string, SubjectKind>([
  ['topics', SubjectKind.TOPIC],
  ['organisations', SubjectKind.ORGANISATION],
  ['places', SubjectKind.PLACE],
  ['people', SubjectKind.PERSON],
]);

/**
 * Starts the loads the article's asked fields will make, for the article a hint names, before its row is
 * read: its relations, links, related articles and source. The fields then load the same keys and find
 * them loading, or loaded. Should the row say otherwise (another article has the slug now), the fields load
 * what it says, and these loads were only wasted. A failed load fails the field that asks for it, as it
 * would have; none is left unheard. Only the field's own selection is looked at (not its fragments), and
 * not a field with a directive (@skip, @include) or arguments it would refuse.
 */
function loadAhead(ctx: Context, article: ArticleHint, info: GraphQLResolveInfo): void {
  const loads: Promise<unknown>[] = [];
  for (const node of info.fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD || selection.directives?.length) continue;
      const field = selection.name.value;
      const kind = RELATION_KINDS.get(field);
      if (kind) loads.push(ctx.subjects.ofArticle[kind].load(article.id));
      else if (field === 'source') loads.push(ctx.articles.sourceById.load(article.sourceId));
      else if (field === 'related' && relatedFirstAllowed(selection, info)) loads.push(ctx.articles.related.load(article.id));
      else if (field === 'mentions') {
        loads.push(ctx.articles.links.load(article.id));
        // With `kinds`, the subjects of those kinds only: left to the field.
        if (!selection.arguments?.length) for (const kind of SUBJECT_KINDS) loads.push(ctx.subjects.ofArticle[kind].load(article.id));
      }
    }
  }
  for (const load of loads) load.catch(() => undefined);
}

/** Whether `related`'s `first` (a literal, a variable, or its default) is one the field takes. */
function relatedFirstAllowed(selection: FieldNode, info: GraphQLResolveInfo): boolean {
  const value = selection.arguments?.find((argument) => argument.name.value === 'first')?.value;
  const first = value === undefined ? 0 : value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.VARIABLE ? info.variableValues[value.name.value] : null;
  return Number.isInteger(first) && (first as number) >= 0 && (first as number) <= MAX_RELATED;
}

/**
 * The subjects of these kinds linked to an article, by `KIND:id`, through the per-kind loaders that `topics`,
 * `places` and the rest use: one statement per kind for a whole page of articles, shared with those fields.
 */
async function linkedSubjects(ctx: Context, articleId: number, kinds: readonly SubjectKind[]): Promise<Map<string, Subject>> {
  const lists = await Promise.all(kinds.map((kind) => ctx.subjects.ofArticle[kind].load(articleId)));
  return new Map(lists.flatMap((list, i) => list.map((subject) => [`${kinds[i]}:${subject.id}`, subject] as const)));
}

/** A subject from `linked`, or by id when a write came between the two reads. */
function subjectIn(ctx: Context, linked: Map<string, Subject>, kind: SubjectKind, id: number): Subject | Promise<Subject | null> {
  return linked.get(`${kind}:${id}`) ?? ctx.subjects.byId[kind].load(id);
}

/** Whether the field's own selection names `field` (fragments are not looked into: then the answer is no, and nothing is lost). */
function asksFor(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet?.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === field));
}
