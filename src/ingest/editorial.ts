/**
 * What editors decided (desk/), as every ingest and re-link must keep it:
 * - a link an editor removed (`link_veto`) is never made again by a rule (insertLinks skips it);
 * - a deleted article's slug (`retired_article`) is never ingested again;
 * - a subject an editor made or changed (`edited_at`) is no longer overwritten by the catalogue's
 *   files, and extraction reads it as the editor left it: its name and aliases, under its slug;
 * - an old slug (a renamed or merged subject, `subject_redirect`) stands for the subject it became:
 *   extraction drops the files' entry for it, and a catalogue upsert maps it to the survivor's id.
 * editorialCatalogue() lays the last two over the files' catalogue.
 */

import { createHash } from 'node:crypto';
import { SubjectKind } from '../article/mention-kinds';
import { placeholders, type Sql, type SqlValue } from '../db/sql';
import type { OrganisationKind } from '../organisation/organisation-kind';
import type { PlaceKind } from '../place/place-kind';
import { subjectTables } from '../subject/subject-table';
import type { Catalogue, OrganisationDef, PersonDef, PlaceDef, TopicDef } from './catalogue';
import { createExtractor, type Extractor } from './extract';

/** Ids per IN list: far below SQLite's limit of 32,766 parameters. */
const CHUNK = 500;

async function inChunks<T>(values: readonly SqlValue[], read: (chunk: readonly SqlValue[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await read(values.slice(i, i + CHUNK))));
  return out;
}

/** The key of a link in vetoedLinks' answer. */
export const linkKey = (articleId: number, kind: SubjectKind, subjectId: number) => `${articleId}:${kind}:${subjectId}`;

/** The links editors removed from these articles, as linkKey()s. */
export async function vetoedLinks(sql: Sql, articleIds: readonly number[]): Promise<Set<string>> {
  const rows = await inChunks(articleIds, (chunk) =>
    sql.all<{ article: number; kind: SubjectKind; subject: number }>(
      `SELECT article_id AS article, subject_kind AS kind, subject_id AS subject FROM link_veto WHERE article_id IN (${placeholders(chunk.length)})`,
      chunk,
    ),
  );
  return new Set(rows.map((row) => linkKey(row.article, row.kind, row.subject)));
}

/** Which of these slugs belonged to articles an editor deleted. */
export async function retiredSlugs(sql: Sql, slugs: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(slugs, (chunk) => sql.all<{ slug: string }>(`SELECT slug FROM retired_article WHERE slug IN (${placeholders(chunk.length)})`, chunk));
  return new Set(rows.map((row) => row.slug));
}

/** The stored subjects of a kind as a catalogue upsert needs them: ids by slug (old slugs to their survivor), and which an editor owns. */
export async function storedSubjects(sql: Sql, kind: SubjectKind): Promise<{ ids: Map<string, number>; owned: Set<string> }> {
  const { table } = subjectTables[kind];
  const rows = await sql.all<{ id: number; slug: string; edited: number }>(`SELECT id, slug, edited_at IS NOT NULL AS edited FROM ${table}`);
  const redirects = await sql.all<{ slug: string; into: number }>('SELECT slug, into_id AS "into" FROM subject_redirect WHERE subject_kind = ?', [kind]);
  const ids = new Map(rows.map((row) => [row.slug, row.id]));
  const owned = new Set(rows.filter((row) => row.edited).map((row) => row.slug));
  for (const { slug, into } of redirects) {
    if (ids.has(slug)) continue;
    ids.set(slug, into);
    owned.add(slug);
  }
  return { ids, owned };
}

/** Every stored subject's id by slug, old slugs to their survivors (as insertLinks resolves extracted links). */
export async function storedSubjectIds(sql: Sql): Promise<Map<SubjectKind, Map<string, number>>> {
  const ids = new Map<SubjectKind, Map<string, number>>();
  for (const kind of Object.values(SubjectKind)) ids.set(kind, (await storedSubjects(sql, kind)).ids);
  return ids;
}

/** Whether an article has or had this slug (a deleted article's is never used again). */
export async function articleSlugTaken(sql: Sql, slug: string): Promise<boolean> {
  return (await sql.get('SELECT 1 FROM article WHERE slug = ? UNION ALL SELECT 1 FROM retired_article WHERE slug = ?', [slug, slug])) !== undefined;
}

interface EditedRow {
  id: number;
  slug: string;
  name: string;
  aliases: string | null;
  description: string | null;
  kind: string | null;
  parent: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  ubigeo: string | null;
  operator: string | null;
}

/** The rows editors made or changed, with their parents' (and a site's operator's) slugs. */
async function editedRows(sql: Sql, kind: SubjectKind): Promise<EditedRow[]> {
  const { table } = subjectTables[kind];
  const has = (column: string) =>
    ({
      [SubjectKind.TOPIC]: ['description', 'parent'],
      [SubjectKind.ORGANISATION]: ['aliases', 'description', 'kind', 'parent', 'country'],
      [SubjectKind.PLACE]: ['aliases', 'description', 'kind', 'parent', 'latitude', 'longitude', 'ubigeo', 'operator'],
      [SubjectKind.PERSON]: ['aliases', 'description'],
    })[kind].includes(column);
  const column = (name: string, expression = `e.${name}`) => `${has(name) ? expression : 'NULL'} AS ${name}`;
  return sql.all<EditedRow>(
    `SELECT e.id, e.slug, e.name, ${column('aliases')}, ${column('description')}, ${column('kind')}, ` +
      `${column('parent', `(SELECT p.slug FROM ${table} p WHERE p.id = e.parent_id)`)}, ${column('country')}, ${column('latitude')}, ${column('longitude')}, ` +
      `${column('ubigeo')}, ${column('operator', '(SELECT o.slug FROM organisation o WHERE o.id = e.operator_id)')} ` +
      `FROM ${table} e WHERE e.edited_at IS NOT NULL ORDER BY e.id`,
  );
}

/**
 * The catalogue extraction reads: the files' catalogue with what editors decided laid over it (see
 * the module comment). With no editor's decision stored it is `files` itself.
 */
export async function editorialCatalogue(sql: Sql, files: Catalogue): Promise<Catalogue> {
  // Old slugs by kind, each with the id of the subject it became.
  const redirected = new Map<SubjectKind, Map<string, number>>();
  for (const row of await sql.all<{ kind: SubjectKind; slug: string; into: number }>('SELECT subject_kind AS kind, slug, into_id AS "into" FROM subject_redirect')) {
    (redirected.get(row.kind) ?? redirected.set(row.kind, new Map()).get(row.kind)!).set(row.slug, row.into);
  }
  const edited = new Map<SubjectKind, EditedRow[]>();
  for (const kind of Object.values(SubjectKind)) edited.set(kind, await editedRows(sql, kind));
  if (redirected.size === 0 && [...edited.values()].every((rows) => rows.length === 0)) return files;

  /**
   * The files' entries minus old slugs, each edited one replaced, the editors' new ones after them
   * (parents first). `make` gets the edited row and every files' entry that is now that subject: its
   * own, and those of the slugs it had before or of the subjects merged into it (whose rules and
   * forms it keeps).
   */
  const overlay = <T extends { slug: string; parent?: string | null }>(kind: SubjectKind, entries: T[], make: (row: EditedRow, files: T[]) => T): T[] => {
    const gone = redirected.get(kind) ?? new Map<string, number>();
    const rows = new Map(edited.get(kind)!.map((row) => [row.slug, row]));
    const filesOf = (row: EditedRow) => entries.filter((e) => e.slug === row.slug || gone.get(e.slug) === row.id);
    const out = entries.filter((e) => !gone.has(e.slug)).map((e) => (rows.has(e.slug) ? make(rows.get(e.slug)!, filesOf(rows.get(e.slug)!)) : e));
    const known = new Set(out.map((e) => e.slug));
    let added = [...rows.values()].filter((row) => !known.has(row.slug));
    // New entries after their parents: the parent is a files' entry, or comes earlier in this loop.
    while (added.length > 0) {
      const ready = added.filter((row) => row.parent === null || known.has(row.parent) || !added.some((other) => other.slug === row.parent));
      for (const row of ready.length > 0 ? ready : added) {
        out.push(make(row, filesOf(row)));
        known.add(row.slug);
      }
      added = added.filter((row) => !known.has(row.slug));
    }
    return out;
  };
  const aliases = (row: EditedRow) => JSON.parse(row.aliases ?? '[]') as string[];
  const capitalisedOf = (entries: { capitalised?: string[] }[]) => [...new Set(entries.flatMap((e) => e.capitalised ?? []))];
  return {
    topics: overlay<TopicDef>(SubjectKind.TOPIC, files.topics, (row, own) => {
      const rules = new Map<string, TopicDef['rules'][number]>();
      for (const rule of own.flatMap((e) => e.rules)) if (!rules.has(rule.match)) rules.set(rule.match, rule);
      return { slug: row.slug, name: row.name, description: row.description ?? '', parent: row.parent, threshold: own[0]?.threshold ?? 0.5, rules: [...rules.values()] };
    }),
    organisations: overlay<OrganisationDef>(SubjectKind.ORGANISATION, files.organisations, (row, own) => {
      const capitalised = capitalisedOf(own);
      return {
        slug: row.slug,
        name: row.name,
        kind: row.kind as OrganisationKind,
        aliases: aliases(row).filter((a) => !capitalised.includes(a)),
        ...(capitalised.length > 0 ? { capitalised } : {}),
        parent: row.parent,
        country: row.country,
        description: row.description,
      };
    }),
    places: overlay<PlaceDef>(SubjectKind.PLACE, files.places, (row, own) => {
      // The table's forms stay (a district's shared name still needs support); new names are plain forms.
      const forms = own.flatMap((e) => e.forms).filter((form, i, all) => all.findIndex((f) => f.text === form.text) === i);
      for (const text of [row.name, ...aliases(row)]) if (!forms.some((f) => f.text === text)) forms.push({ text, needsSupport: false, capitalised: false });
      return {
        slug: row.slug,
        name: row.name,
        kind: row.kind as PlaceKind,
        aliases: aliases(row),
        parent: row.parent,
        latitude: row.latitude,
        longitude: row.longitude,
        ubigeo: row.ubigeo,
        description: row.description,
        operator: row.operator,
        forms,
      };
    }),
    people: overlay<PersonDef>(SubjectKind.PERSON, files.people, (row, own) => {
      const capitalised = capitalisedOf(own);
      return {
        slug: row.slug,
        name: row.name,
        aliases: aliases(row).filter((a) => !capitalised.includes(a)),
        ...(capitalised.length > 0 ? { capitalised } : {}),
        description: row.description,
      };
    }),
    ignore: files.ignore,
  };
}

/** The last extractor made by editorialExtractor, with the catalogue it was made of. */
let extraction: { fingerprint: string; files: Catalogue; extract: Extractor } | undefined;

/**
 * An extractor of `files` as editors left it, made again only when that changes (making one takes a
 * tenth of a second): for writes of a few articles at a time (the desk, feeds), not a bulk load.
 */
export async function editorialExtractor(sql: Sql, files: Catalogue): Promise<Extractor> {
  const catalogue = await editorialCatalogue(sql, files);
  const fingerprint = catalogue === files ? 'files' : createHash('sha256').update(JSON.stringify(catalogue)).digest('hex');
  if (extraction?.fingerprint !== fingerprint || extraction.files !== files) extraction = { fingerprint, files, extract: createExtractor(catalogue) };
  return extraction.extract;
}
