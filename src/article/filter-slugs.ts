/**
 * A filter's slugs resolved to subject ids, with the link counts that choose a page's shape: one
 * statement for every slug of a filter (or of several), and, when the same slugs were resolved before,
 * that resolution at once while the statement checks it (db/hints.ts).
 */
import { BadUserInput } from '../core/errors';
import { inList, placeholders, type Sql, type SqlValue } from '../db/sql';
import { subjectTables } from '../subject/subject-table';
import type { SubjectKind } from './mention-kinds';

/** slug -> database id, per subject kind. */
export type Resolved = Map<SubjectKind, Map<string, number>>;

/** Filters of at most this many slugs are remembered (db/hints.ts): what lists and widgets ask, and small to keep. */
const HINTED_SLUGS = 20;

/** A row of resolveSlugs' statement: a slug asked, the subject it names, and (probed slugs) its links. */
interface SlugRow {
  kind: SubjectKind;
  slug: string;
  id: number;
  links: number | null;
  articles: number | null;
}

/** What a filter's slugs resolve to, and how soon: `checked` settles true when the resolution was read now (or read again and found the same). */
interface Resolution {
  resolved: Resolved;
  links: Map<string, number>;
  articles: number;
  /** False when a hint was used and the read since found otherwise (a slug renamed, merged or gone): compile again. */
  checked: Promise<boolean>;
}

/**
 * Resolves every slug to its id, and for the `probe` slugs also reads how many links it has (with
 * everything below it), from the per-subject aggregate kept at ingest (db/link-aggregates.ts): how
 * selective the filter is. Every row also carries the highest article id, a free estimate of the
 * table's size. Keys and aggregates only, so it is a lookup: no trip to a reader.
 *
 * `early`: when the same slugs were resolved before (db/hints.ts), that resolution is returned at once
 * and the statement runs beside what the caller does with it; `checked` says whether the ids still hold.
 */
export async function resolveSlugs(sql: Sql, wanted: Map<SubjectKind, Set<string>>, probe: Map<SubjectKind, Set<string>>, early = false): Promise<Resolution> {
  const selects: string[] = [];
  const params: SqlValue[] = [];
  for (const [kind, slugs] of wanted) {
    if (slugs.size === 0) continue;
    const { table, tree } = subjectTables[kind];
    // Lists of a few lengths (inList): the statement's text is one of a few, its plan kept (samePlan).
    const probed = inList([...(probe.get(kind) ?? [])]);
    const asked = inList([...slugs]);
    const subjects = tree ? `WITH RECURSIVE sub(id) AS (SELECT e.id UNION SELECT c.id FROM ${table} c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub` : 'e.id';
    const links =
      probed.length === 0
        ? 'NULL'
        : `CASE WHEN k.asked IN (${placeholders(probed.length)}) THEN (SELECT coalesce(sum(s.articles), 0) FROM link_subject s ` +
          `WHERE s.subject_kind = '${kind}' AND s.subject_id IN (${subjects})) END`;
    // A slug is a subject's own or an old one (renamed, merged: subject_redirect) that resolves to the subject it became.
    const found = `SELECT slug AS asked, id FROM ${table} WHERE slug IN (${placeholders(asked.length)}) UNION ALL SELECT slug, into_id FROM subject_redirect WHERE subject_kind = '${kind}' AND slug IN (${placeholders(asked.length)})`;
    selects.push(`SELECT '${kind}' AS kind, k.asked AS slug, e.id, ${links} AS links, (SELECT max(id) FROM article) AS articles FROM (${found}) k JOIN ${table} e ON e.id = k.id`);
    if (probed.length > 0) params.push(...probed);
    params.push(...asked, ...asked);
  }
  const text = selects.join(' UNION ALL ');
  // The slugs asked and probed, in order, make the statement: they are its key (none for a filter of many slugs).
  const asked = [...wanted].map(([kind, slugs]) => [kind, [...slugs].sort(), [...(probe.get(kind) ?? [])].sort()]);
  const key = asked.flatMap(([, slugs]) => slugs).length <= HINTED_SLUGS ? `slugs:${JSON.stringify(asked)}` : null;
  const read = sql.lookup<SlugRow>(text, params, { samePlan: true });
  // Only a resolution of every slug is kept: an unknown slug is an error each time it is asked, until it is known.
  const hinted = early && key ? sql.hints.get<SlugRow[]>(key) : undefined;
  if (!hinted) {
    const rows = await read;
    const resolved = resolution(wanted, rows);
    if (key) sql.hints.set(key, rows);
    return { ...resolved, checked: Promise.resolve(true) };
  }
  // A failed read fails the check, and through it the request; should the caller fail first and never ask, it is not left unhandled.
  const checked = read.then((rows) => {
    const same = idsOf(rows) === idsOf(hinted);
    // Otherwise the hint goes, and the caller compiles again, reading the slugs anew (and keeping them if they all resolve).
    if (same) sql.hints.set(key!, rows);
    else sql.hints.delete(key!);
    return same;
  });
  checked.catch(() => undefined);
  return { ...resolution(wanted, hinted), checked };
}

function resolution(wanted: Map<SubjectKind, Set<string>>, rows: SlugRow[]): Omit<Resolution, 'checked'> {
  const resolved: Resolved = new Map();
  const links = new Map<string, number>();
  for (const row of rows) {
    (resolved.get(row.kind) ?? resolved.set(row.kind, new Map()).get(row.kind)!).set(row.slug, row.id);
    if (row.links !== null) links.set(`${row.kind}:${row.slug}`, row.links);
  }
  const unknown = [...wanted].flatMap(([kind, slugs]) => [...slugs].filter((slug) => !resolved.get(kind)?.has(slug)).map((slug) => `${subjectTables[kind].table} "${slug}"`));
  if (unknown.length > 0) {
    throw new BadUserInput(`filter names unknown slugs: ${unknown.join(', ')} (list them with the topics, organisations, places and people queries)`, 'filter');
  }
  return { resolved, links, articles: rows[0]?.articles ?? 0 };
}

/** The slugs' ids as one comparable text (the link counts may move; the ids decide the answer). */
function idsOf(rows: SlugRow[]): string {
  return rows
    .map((row) => `${row.kind}:${row.slug}:${row.id}`)
    .sort()
    .join(' ');
}
