/**
 * The server's response cache: the data of a query's answer kept by the exact request (a GET's URL,
 * a POSTed known query with its variables) and the response type, so that a repeated read (a partner
 * widget's GET, a page polling one list) skips execution and serialisation. The cost is still charged
 * and reported per client: only `data` and its ETag are kept.
 *
 * Invalidation. Every answer is tagged with what it reads (readTags: Article for anything made from
 * articles and their links, and a tag per subject type, Source, Channel, Change, EntitySuggestion).
 * Before each lookup the cache asks the store whether anything committed since it last looked
 * (`Sql.changeVersion`: on SQLite, `PRAGMA data_version` and the count of this process's own commits;
 * on PostgreSQL, the commit count every write transaction raises). If so, it reads what the logs say
 * changed: `change_entry` names the types of the nodes created, updated, deleted, linked or merged,
 * `article_change` (written by triggers, re-links included) says articles or their links changed.
 * Answers with those tags are stale from then on; so are answers tagged Source, Channel, Change or
 * EntitySuggestion at any commit (no log covers them: a source's fetch, a suggestion rejected). An
 * answer computed across such a look is not kept: it may predate the write the look found. So a cached
 * answer is never stale after a write, and a write to one type of node keeps the answers that do not
 * read it. The answers live in this process's memory or, with REDIS_URL over PostgreSQL, in Redis for
 * every instance (http/shared-state.ts); ResponseCache below says how both tell a stale one.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Sql } from '../db/sql';
import { responseCacheLookups } from './metrics';

export interface CachedAnswer {
  /** `data` as JSON text. */
  data: string;
  etag: string;
  cost: number;
  /** Max-age of a GET answer's Cache-Control. */
  maxAge: number;
  /** Whether the request ran a trusted document (a key limited to them may use the answer). */
  trusted: boolean;
  tags: readonly string[];
}

/** Past this many new change-log rows, the cache is emptied rather than read through (a lookup, on the event loop). */
const MAX_CHANGES_READ = 5_000;
/** Tags whose data no log covers: flushed at every commit. */
const ANY_WRITE = ['Source', 'Channel', 'Change', 'EntitySuggestion'];
const OWN_TAG = new Set(['Topic', 'Organisation', 'Place', 'Person', 'Source', 'Channel', 'Change', 'EntitySuggestion']);
/** A type's tag: its own for subjects, sources, channels and changes (and their connections and edges); none for PageInfo; Article for the rest. */
const tagOf = (typeName: string): string | null => {
  if (typeName === 'PageInfo') return null;
  const base = typeName.replace(/(Connection|Edge)$/, '');
  return OWN_TAG.has(base) ? base : 'Article';
};
/** Root fields whose answers are never kept: they are for editors and admins, per key. */
const PRIVATE_ROOTS = new Set(['auditLog', 'apiKeys']);
/** Subject lists filtered by links (`linked: true`) read articles too. */
const SUBJECT_LISTS = new Set(['topics', 'organisations', 'places', 'people']);

/**
 * What an operation's answer reads, as cache tags; null when it must not be cached (not a query, or
 * an editor's field). Every type that is not a subject, source, channel or change is made from
 * articles and their links (lists, facets, timelines, networks, suggestions): tag Article.
 */
export function readTags(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] | null {
  if (operation.operation !== 'query') return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const tags = new Set<string>();
  let cacheable = true;
  const visit = (typeName: string, selectionSet: SelectionSetNode, root: boolean, seen: Set<string>) => {
    const type = schema.getType(typeName);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.typeCondition.name.value, fragment.selectionSet, root, new Set([...seen, fragment.name.value]));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.typeCondition?.name.value ?? typeName, selection.selectionSet, root, seen);
        continue;
      }
      const name = selection.name.value;
      if (root && PRIVATE_ROOTS.has(name)) cacheable = false;
      if (root && SUBJECT_LISTS.has(name) && selection.arguments?.some((a) => a.name.value === 'linked')) tags.add('Article');
      if (name.startsWith('__') || !type || !('getFields' in type)) continue;
      const field = (type as { getFields(): Record<string, { type: Parameters<typeof getNamedType>[0] }> }).getFields()[name];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (!named) continue;
      const add = (typeName: string) => {
        const tag = tagOf(typeName);
        if (tag) tags.add(tag);
      };
      if (isAbstractType(named)) for (const member of schema.getPossibleTypes(named)) add(member.name);
      else if (isObjectType(named)) add(named.name);
      if (selection.selectionSet) visit(named.name, selection.selectionSet, false, seen);
    }
  };
  visit(schema.getQueryType()!.name, operation.selectionSet, true, new Set());
  return cacheable ? [...tags] : null;
}

/** A kept answer with the stamp of the look its request began after (ResponseCache.epoch). */
export interface StoredAnswer extends CachedAnswer {
  at: number;
}

/**
 * Where answers are kept: this process's memory (MemoryAnswers), or a store every instance shares
 * (http/redis-state.ts). The cache decides whether a kept answer is still good (by its stamp and
 * tags); a store only keeps them, and may drop any at any time.
 */
export interface AnswerStore {
  /**
   * Whether other instances read and write the same answers. Stamps must then mean the same on every
   * instance: the database's own commit count, which only PostgreSQL's changeVersion is.
   */
  readonly shared: boolean;
  /** Whether it keeps anything at all (a memory store of size 0 keeps none). */
  readonly keepsAny: boolean;
  get(key: string): Promise<StoredAnswer | undefined>;
  set(key: string, answer: StoredAnswer): void;
  /** Told which tags a commit changed (null: anything); a store may drop those answers at once. */
  flushed(tags: Set<string> | null): void;
}

/** Answers in this process's memory, the oldest dropped past `maxEntries`; a flush drops the answers it makes stale. */
export class MemoryAnswers implements AnswerStore {
  readonly shared = false;
  readonly keepsAny: boolean;
  private readonly entries = new Map<string, StoredAnswer>();

  constructor(private readonly maxEntries = 2_000) {
    this.keepsAny = maxEntries > 0;
  }

  async get(key: string): Promise<StoredAnswer | undefined> {
    return this.entries.get(key);
  }

  set(key: string, answer: StoredAnswer): void {
    if (!this.keepsAny) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, answer);
  }

  flushed(tags: Set<string> | null): void {
    if (!tags) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (entry.tags.some((tag) => tags.has(tag))) this.entries.delete(key);
  }
}

/**
 * Whether a kept answer still holds is decided here, the same way for every store: each look at the
 * database that finds commits gives a new stamp (a local count; with a shared store, the database's
 * commit count, which every instance reads alike) and notes, per tag, the stamp at which its data last
 * changed. An answer is good when its request began after the last change of every tag it reads, and
 * after this process's first look (what changed before that is not known here).
 */
export class ResponseCache {
  private version: string | null = null;
  private seen: { changes: number; articles: number } | null = null;
  private looking: Promise<void> | null = null;
  /** The stamp of each tag's last change, and the stamp below which nothing is known. */
  private readonly changedAt = new Map<string, number>();
  private floor = 0;
  /** The stamp of the last look: an answer computed across a later one is not kept. */
  epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly sql: () => Sql | null,
    private readonly store: AnswerStore = new MemoryAnswers(),
  ) {}

  /** Makes the cache agree with the database: notes what the writes since the last look changed. */
  async fresh(): Promise<void> {
    const sql = this.sql();
    if (!sql) return;
    // One look at a time: a request never goes on while another is between seeing a commit and flushing for it.
    for (;;) {
      if (this.looking) {
        await this.looking;
        continue;
      }
      const version = await sql.changeVersion();
      if (this.looking) continue;
      if (version === this.version) return;
      this.looking = this.catchUp(sql, version).finally(() => {
        this.looking = null;
      });
      await this.looking;
      return;
    }
  }

  /** Notes what the logs say changed since the last look; then the cache is at `version`. */
  private async catchUp(sql: Sql, version: string): Promise<void> {
    const [now] = await sql.lookup<{ changes: number | null; articles: number | null }>(
      'SELECT (SELECT max(seq) FROM change_entry) AS changes, (SELECT max(seq) FROM article_change) AS articles',
    );
    const current = { changes: now.changes ?? 0, articles: now.articles ?? 0 };
    const stamp = await this.stampAfterLogs(sql);
    const seen = this.seen;
    if (!seen || current.changes - seen.changes > MAX_CHANGES_READ) {
      // The first look, or a large ingest since the last: reading what it touched costs more than starting again.
      this.changedAt.clear();
      this.floor = stamp;
      this.store.flushed(null);
    } else {
      const tags = new Set(ANY_WRITE);
      if (current.articles !== seen.articles) tags.add('Article');
      if (current.changes !== seen.changes) {
        const types = await sql.lookup<{ type: string }>('SELECT DISTINCT node_type AS type FROM change_entry WHERE seq > ? AND seq <= ?', [seen.changes, current.changes]);
        for (const { type } of types) tags.add(type);
      }
      for (const tag of tags) this.changedAt.set(tag, stamp);
      this.store.flushed(tags);
    }
    this.seen = current;
    this.version = version;
    this.epoch = stamp;
  }

  /**
   * The stamp of this look. A local one counts this process's looks that found commits. A shared one is
   * the commit count read again after the logs were: at least every commit the logs showed, so an answer
   * computed from data older than one of them (stamped below it) is never taken for new. (A commit after
   * `version` was read may be in the logs already; the next look sees its count and looks again.)
   */
  private async stampAfterLogs(sql: Sql): Promise<number> {
    if (!this.store.shared) return this.epoch + 1;
    const version = await sql.changeVersion();
    if (!/^\d+$/.test(version)) throw new Error(`a shared response cache needs the database's commit count as its change version (PostgreSQL), got "${version}"`);
    return Number(version);
  }

  /** The kept answer for `key` if it still holds, once fresh() has run for this request. */
  async get(key: string): Promise<CachedAnswer | undefined> {
    const entry = await this.store.get(key);
    const good = entry !== undefined && entry.at >= this.floor && entry.tags.every((tag) => entry.at >= (this.changedAt.get(tag) ?? 0));
    if (good) this.hits++;
    else this.misses++;
    responseCacheLookups.inc({ result: good ? 'hit' : 'miss' });
    return good ? entry : undefined;
  }

  /** Whether an answer computed since `epoch` would be kept (so the caller need not serialise one that would not). */
  keeps(epoch: number): boolean {
    return epoch === this.epoch && this.store.keepsAny;
  }

  /** Keeps an answer computed since `epoch` (the value when its request began), unless a look found commits since. */
  set(key: string, epoch: number, answer: CachedAnswer): void {
    if (this.keeps(epoch)) this.store.set(key, { ...answer, at: epoch });
  }
}
