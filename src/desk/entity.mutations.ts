import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { SubjectKind } from '../article/mention-kinds';
import { ChangeAction } from '../change/change-log';
import { BadUserInput } from '../core/errors';
import { placeholders, type Sql } from '../db/sql';
import type { Context } from '../graph/context';
import { fold } from '../ingest/fold';
import { slugify } from '../ingest/slug';
import { OrganisationKind } from '../organisation/organisation-kind';
import { PlaceKind } from '../place/place-kind';
import { SubjectUnion } from '../subject/subject.union';
import { type Subject, subjectTables } from '../subject/subject-table';
import { keepingTimeline } from '../timeline/timeline.counts';
import { checkVersion, type Write, writeAs } from './desk-writes';
import { type SubjectRef, subjectRef } from './link.mutations';
import { mergeOne } from './merge';
import { snapshot, subjectRow } from './subject-rows';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_NAME = 200;
const MAX_ALIASES = 50;

@InputType({ description: 'A topic, organisation, place or person an editor adds to the catalogue. Fields that do not apply to its kind are refused.' })
export class NewEntityInput {
  @Field(() => SubjectKind, { description: 'What it is.' })
  kind!: SubjectKind;

  @Field({ description: `The name, 1 to ${MAX_NAME} characters; extraction matches it in new and re-linked articles.` })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The slug; left out, made from the name. Never one another subject of the kind has or had.' })
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: `Other names extraction matches (acronyms, spellings), at most ${MAX_ALIASES}; not for topics.` })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What it is, in one sentence (required for a topic).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The slug of its parent of the same kind (topics, organisations, places).' })
  parent?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: 'An organisation’s kind (required for organisations).' })
  organisationKind?: OrganisationKind | null;

  @Field(() => PlaceKind, { nullable: true, description: 'A place’s kind (required for places).' })
  placeKind?: PlaceKind | null;

  @Field(() => String, { nullable: true, description: 'An organisation’s country, ISO 3166-1 alpha-2 (PE).' })
  country?: string | null;

  @Field(() => Float, { nullable: true, description: 'A place’s latitude, -90 to 90.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'A place’s longitude, -180 to 180.' })
  longitude?: number | null;
}

@InputType({ description: 'What to change in a subject; a field left out keeps its value, null clears it where it may be empty.' })
export class EntityPatch {
  @Field(() => String, { nullable: true, description: `A new name, 1 to ${MAX_NAME} characters.` })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new slug; the old one goes on resolving to this subject (queries, filters, feeds).' })
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: 'The whole new list of other names (not for topics).' })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The slug of a new parent of the same kind; null: none.' })
  parent?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: 'An organisation’s new kind.' })
  organisationKind?: OrganisationKind | null;

  @Field(() => PlaceKind, { nullable: true, description: 'A place’s new kind.' })
  placeKind?: PlaceKind | null;

  @Field(() => String, { nullable: true, description: 'An organisation’s country, ISO 3166-1 alpha-2.' })
  country?: string | null;

  @Field(() => Float, { nullable: true, description: 'A place’s latitude.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'A place’s longitude.' })
  longitude?: number | null;
}

/** Which input fields each kind takes (besides name, slug and description). */
const FIELDS: Record<SubjectKind, string[]> = {
  [SubjectKind.TOPIC]: ['parent'],
  [SubjectKind.ORGANISATION]: ['aliases', 'parent', 'organisationKind', 'country'],
  [SubjectKind.PLACE]: ['aliases', 'parent', 'placeKind', 'latitude', 'longitude'],
  [SubjectKind.PERSON]: ['aliases'],
};
const OPTIONAL = ['aliases', 'parent', 'organisationKind', 'placeKind', 'country', 'latitude', 'longitude'] as const;

/** The columns a subject's values go to, checked; `current` is the stored row for an update. */
async function columnsOf(tx: Sql, kind: SubjectKind, input: NewEntityInput | EntityPatch, current: Record<string, unknown> | null, selfId: number | null) {
  const label = subjectTables[kind].type.toLowerCase();
  for (const field of OPTIONAL) {
    if (input[field] != null && !FIELDS[kind].includes(field)) throw new BadUserInput(`input.${field} does not apply to a ${label}`, 'input');
  }
  const columns: Record<string, string | number | null> = {};
  if (input.name != null || !current) {
    const name = (input.name ?? '').trim();
    if (name.length === 0 || name.length > MAX_NAME) throw new BadUserInput(`input.name must be 1 to ${MAX_NAME} characters, got ${name.length}`, 'input');
    columns.name = name;
  }
  if (input.description !== undefined) {
    const description = input.description?.trim() || null;
    if (kind === SubjectKind.TOPIC && !description) throw new BadUserInput('input.description is required for a topic', 'input');
    columns.description = description;
  } else if (!current && kind === SubjectKind.TOPIC) throw new BadUserInput('input.description is required for a topic', 'input');
  if (input.aliases != null) {
    if (input.aliases.length > MAX_ALIASES) throw new BadUserInput(`input.aliases holds ${input.aliases.length} names; at most ${MAX_ALIASES}`, 'input');
    const aliases = [...new Set(input.aliases.map((a) => a.trim()))];
    if (aliases.some((a) => a.length === 0 || a.length > MAX_NAME)) throw new BadUserInput(`every alias must be 1 to ${MAX_NAME} characters`, 'input');
    columns.aliases = JSON.stringify(aliases);
  } else if (!current && kind !== SubjectKind.TOPIC) columns.aliases = '[]';
  if (kind === SubjectKind.ORGANISATION) {
    if (input.organisationKind != null) columns.kind = input.organisationKind;
    else if (!current) throw new BadUserInput('input.organisationKind is required for an organisation', 'input');
    if (input.country !== undefined) {
      if (input.country !== null && !/^[A-Z]{2}$/.test(input.country))
        throw new BadUserInput(`input.country must be two capital letters (ISO 3166-1 alpha-2), got "${input.country}"`, 'input');
      columns.country = input.country;
    }
  }
  if (kind === SubjectKind.PLACE) {
    if (input.placeKind != null) columns.kind = input.placeKind;
    else if (!current) throw new BadUserInput('input.placeKind is required for a place', 'input');
    for (const [field, limit] of [
      ['latitude', 90],
      ['longitude', 180],
    ] as const) {
      const value = input[field];
      if (value === undefined) continue;
      if (value !== null && !(Math.abs(value) <= limit)) throw new BadUserInput(`input.${field} must be from -${limit} to ${limit}, got ${value}`, 'input');
      columns[field] = value;
    }
  }
  if (input.parent !== undefined && FIELDS[kind].includes('parent')) {
    columns.parent_id = input.parent === null ? null : await parentId(tx, kind, input.parent, selfId);
  }
  if (columns.name !== undefined || columns.aliases !== undefined) {
    const name = (columns.name ?? current?.name) as string;
    const aliases = JSON.parse((columns.aliases ?? current?.aliases ?? '[]') as string) as string[];
    columns.search_key = [name, ...aliases].map(fold).join('\t');
  }
  return columns;
}

/** The id of the parent named by slug; never the subject itself or anything below it. */
async function parentId(tx: Sql, kind: SubjectKind, slug: string, selfId: number | null): Promise<number> {
  const { table } = subjectTables[kind];
  const row = await tx.get<{ id: number }>(`SELECT id FROM ${table} WHERE slug = ?`, [slug]);
  if (!row) throw new BadUserInput(`input.parent "${slug}" is no ${subjectTables[kind].type.toLowerCase()}'s slug`, 'input');
  if (selfId !== null) {
    const below = await tx.get(
      `WITH RECURSIVE sub(id) AS (SELECT CAST(? AS INTEGER) UNION SELECT c.id FROM ${table} c JOIN sub ON c.parent_id = sub.id) SELECT 1 FROM sub WHERE id = ?`,
      [selfId, row.id],
    );
    if (below) throw new BadUserInput(`input.parent "${slug}" is this subject or lies below it: a subject cannot be its own ancestor`, 'input');
  }
  return row.id;
}

/** Refuses a slug another subject of the kind has or had. */
async function checkSlugFree(tx: Sql, kind: SubjectKind, slug: string, selfId: number | null): Promise<void> {
  if (!SLUG.test(slug) || slug.length > 120)
    throw new BadUserInput(`slug "${slug}" must be lower-case letters and digits joined by single hyphens, at most 120 characters`, 'input');
  const { table } = subjectTables[kind];
  const taken = await tx.get<{ id: number }>(`SELECT id FROM ${table} WHERE slug = ? UNION ALL SELECT into_id FROM subject_redirect WHERE subject_kind = ? AND slug = ?`, [
    slug,
    kind,
    slug,
  ]);
  if (taken && taken.id !== selfId) throw new BadUserInput(`slug "${slug}" is taken: another ${subjectTables[kind].type.toLowerCase()} has or had it`, 'input');
}

/** The subject as stored now, read after the write committed. */
export async function readSubject(ctx: Context, kind: SubjectKind, id: number): Promise<Subject> {
  const table = subjectTables[kind];
  const [row] = await ctx.sql.lookup<Record<string, unknown>>(`SELECT ${table.columns} FROM ${table.table} e WHERE e.id = ?`, [id]);
  return table.hydrate(row);
}

/** Inserts a new subject an editor owns; returns its id. */
export async function insertSubject(write: Write, input: NewEntityInput): Promise<number> {
  const { tx, at } = write;
  const kind = input.kind;
  const columns = await columnsOf(tx, kind, input, null, null);
  const slug = input.slug ?? slugify(columns.name as string);
  await checkSlugFree(tx, kind, slug, null);
  const { table, type } = subjectTables[kind];
  const names = Object.keys(columns);
  const { rows } = await tx.run(`INSERT INTO ${table} (slug, ${names.join(', ')}, edited_at) VALUES (?, ${placeholders(names.length)}, ?) RETURNING id`, [
    slug,
    ...Object.values(columns),
    at,
  ]);
  const { id } = rows[0];
  await write.record(ChangeAction.CREATED, { type, id }, undefined, snapshot(await subjectRow(tx, kind, id)));
  return id;
}

@Resolver()
export class EntityMutations {
  @Mutation(() => SubjectUnion, {
    description:
      'Adds a topic, organisation, place or person to the catalogue (editors). Extraction matches its name and aliases in articles ingested or re-linked from now on (`npm run relink` for those stored).',
  })
  async createEntity(@Ctx() ctx: Context, @Arg('input', () => NewEntityInput, { description: 'The subject.' }) input: NewEntityInput): Promise<Subject> {
    const id = await writeAs(ctx, (write) => insertSubject(write, input));
    return readSubject(ctx, input.kind, id);
  }

  @Mutation(() => SubjectUnion, {
    description:
      'Changes a subject (editors): name, slug (the old one goes on resolving), aliases, parent, kind, description. The catalogue’s files no longer overwrite a subject an editor changed.',
  })
  async updateEntity(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The global id of a topic, organisation, place or person.' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` you read: a write on an older one is refused with CONFLICT.' }) expectedVersion: number,
    @Arg('input', () => EntityPatch, { description: 'What to change.' }) input: EntityPatch,
  ): Promise<Subject> {
    const ref = await writeAs(ctx, async (write) => {
      const { tx, at } = write;
      const ref = await subjectRef(tx, id, 'id');
      checkVersion(`${ref.type} ${id}`, expectedVersion, ref.version);
      const { table, type } = subjectTables[ref.kind];
      const before = await subjectRow(tx, ref.kind, ref.id);
      const columns = await columnsOf(tx, ref.kind, input, before, ref.id);
      if (input.slug != null && input.slug !== ref.slug) {
        await checkSlugFree(tx, ref.kind, input.slug, ref.id);
        const merged = await tx.get<{ from: number }>('SELECT from_id AS "from" FROM subject_redirect WHERE subject_kind = ? AND slug = ? AND from_id <> into_id', [
          ref.kind,
          input.slug,
        ]);
        if (merged) throw new BadUserInput(`slug "${input.slug}" is the old slug of a subject merged into this one; it keeps resolving here, choose another`, 'input');
        columns.slug = input.slug;
        // The old slug resolves here from now on; the new one is this subject's own again if it was an old one of it.
        await tx.run('DELETE FROM subject_redirect WHERE subject_kind = ? AND slug = ?', [ref.kind, input.slug]);
        await tx.run('INSERT INTO subject_redirect (subject_kind, slug, from_id, into_id) VALUES (?, ?, ?, ?)', [ref.kind, ref.slug, ref.id, ref.id]);
      }
      const names = Object.keys(columns);
      await keepingTimeline(tx, () =>
        tx.run(`UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}${names.length ? ', ' : ''}version = version + 1, edited_at = ? WHERE id = ?`, [
          ...Object.values(columns),
          at,
          ref.id,
        ]),
      );
      await write.record(ChangeAction.UPDATED, { type, id: ref.id }, snapshot(before), snapshot(await subjectRow(tx, ref.kind, ref.id)));
      return ref;
    });
    return readSubject(ctx, ref.kind, ref.id);
  }

  @Mutation(() => SubjectUnion, {
    description:
      'Merges subjects of one kind into one (editors): their links, aliases, children, channel filters and feeds move to `into`; their slugs and ids resolve to it from now on.',
  })
  async mergeEntities(
    @Ctx() ctx: Context,
    @Arg('into', () => ID, { description: 'The global id of the subject that stays.' }) into: string,
    @Arg('from', () => [ID], { description: 'The global ids of the subjects merged into it, of the same kind; they are removed.' }) from: string[],
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` of `into` you read; left out: whatever the version.' }) expectedVersion?: number | null,
  ): Promise<Subject> {
    if (from.length === 0 || from.length > 20) throw new BadUserInput(`from must hold 1 to 20 ids, got ${from.length}`, 'from');
    const survivor = await writeAs(ctx, async (write) => {
      const { tx } = write;
      const target = await subjectRef(tx, into, 'into');
      checkVersion(`${target.type} ${into}`, expectedVersion, target.version);
      const before = await subjectRow(tx, target.kind, target.id);
      const merged: SubjectRef[] = [];
      for (const [i, id] of from.entries()) {
        const ref = await subjectRef(tx, id, `from[${i}]`);
        if (ref.kind !== target.kind) throw new BadUserInput(`from[${i}] is a ${ref.type}, not a ${target.type} as into is: only subjects of one kind merge`, 'from');
        if (ref.id === target.id) throw new BadUserInput(`from[${i}] is into itself (or was merged into it already)`, 'from');
        if (merged.some((m) => m.id === ref.id)) continue;
        merged.push(ref);
      }
      await keepingTimeline(tx, async () => {
        for (const ref of merged) await mergeOne(write, target, ref);
      });
      const { table, type } = subjectTables[target.kind];
      await tx.run(`UPDATE ${table} SET version = version + 1, edited_at = ? WHERE id = ?`, [write.at, target.id]);
      await write.record(
        'MERGED',
        { type, id: target.id },
        snapshot(before),
        { ...snapshot(await subjectRow(tx, target.kind, target.id)), merged: merged.map((m) => m.slug) },
        {
          action: ChangeAction.UPDATED,
        },
      );
      return target;
    });
    return readSubject(ctx, survivor.kind, survivor.id);
  }
}
