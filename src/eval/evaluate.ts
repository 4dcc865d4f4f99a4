/**
 * Quipu measures its own linking: the development set in eval/devset (news files in the seed's
 * format and labels.yaml) is ingested into a fresh database by the real pipeline, with the seeds'
 * catalogue, and the links it stored are compared with what a careful editor would link.
 *
 * Per item, labels.yaml lists for each kind the subjects that are `required` (a careful editor
 * would certainly link them) and `optional` (acceptable either way), by slug or by a name or alias
 * of the catalogue. Then, per kind and overall:
 *   recall    = required labels linked / required labels
 *   precision = links that are required / links that are neither optional nor implied
 * A topic above a labelled topic is implied (the taxonomy links a parent with its child), so it
 * counts neither way. A label the catalogue cannot resolve is a miss, reported as such.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { SubjectKind } from '../article/mention-kinds';
import { openDatabase } from '../db/data-source';
import { type Catalogue, loadCatalogue } from '../ingest/catalogue';
import { createExtractor, shortNames } from '../ingest/extract';
import { phraseKey } from '../ingest/matcher';
import { parseNewsFile } from '../ingest/parse';
import { ingestFiles, seedFiles } from '../ingest/pipeline';
import { subjectTables } from '../subject/subject-table';

export const KINDS = [SubjectKind.TOPIC, SubjectKind.ORGANISATION, SubjectKind.PLACE, SubjectKind.PERSON] as const;
const LABEL_KEYS: Record<SubjectKind, string> = { TOPIC: 'topics', ORGANISATION: 'organisations', PLACE: 'places', PERSON: 'people' };

const NOT_IN_CATALOGUE = 'not in the catalogue';

/** One item's labels, resolved to slugs. */
interface ItemLabels {
  title: string;
  language: string;
  required: Map<SubjectKind, Set<string>>;
  optional: Map<SubjectKind, Set<string>>;
  /** Required labels the catalogue does not know (or names ambiguously): misses by definition. */
  unresolved: { kind: SubjectKind; label: string; why: string }[];
}

export interface KindScore {
  required: number;
  found: number;
  linked: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface EvalReport {
  items: number;
  /** Articles per second that extraction with this catalogue reads, over the set's items (one core, after warming up). */
  extractionRate: number;
  /** Of the required names the catalogue lacks, how many the item's entity suggestions hold, and with the labelled kind. */
  discovery: { lacking: number; suggested: number; rightKind: number };
  byLanguage: Record<string, number>;
  scores: Record<SubjectKind | 'ALL', KindScore>;
  misses: { title: string; kind: SubjectKind; label: string; why: string }[];
  extras: { title: string; kind: SubjectKind; slug: string }[];
}

/** Thrown for a development set that cannot be read: says which file and what. */
export class DevsetError extends Error {}

/** Names and aliases of each kind, folded, to the slugs they name. */
function nameIndex(catalogue: Catalogue): Map<SubjectKind, Map<string, Set<string>>> {
  const index = new Map<SubjectKind, Map<string, Set<string>>>(KINDS.map((k) => [k, new Map()]));
  const add = (kind: SubjectKind, slug: string, forms: string[]) => {
    for (const form of [slug, ...forms]) {
      const key = phraseKey(form);
      const slugs = index.get(kind)!.get(key) ?? new Set();
      slugs.add(slug);
      index.get(kind)!.set(key, slugs);
    }
  };
  for (const t of catalogue.topics) add(SubjectKind.TOPIC, t.slug, [t.name]);
  for (const o of catalogue.organisations) add(SubjectKind.ORGANISATION, o.slug, [o.name, ...o.aliases, ...(o.capitalised ?? [])]);
  for (const p of catalogue.places) add(SubjectKind.PLACE, p.slug, [p.name, ...p.aliases, ...p.forms.map((f) => f.text)]);
  for (const p of catalogue.people) add(SubjectKind.PERSON, p.slug, [p.name, ...p.aliases, ...(p.capitalised ?? [])]);
  for (const [form, slug] of shortNames(catalogue)) add(SubjectKind.PERSON, slug, [form]);
  return index;
}

/** Reads labels.yaml and resolves every label through the catalogue. */
export function readLabels(text: string, file: string, catalogue: Catalogue): ItemLabels[] {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) throw new DevsetError(`${file}: YAML error: ${doc.errors[0].message}`);
  const root = doc.toJS() as Record<string, Record<string, unknown>> | null;
  if (root === null || typeof root !== 'object') throw new DevsetError(`${file}: must map each item's title to its labels`);
  const index = nameIndex(catalogue);
  return Object.entries(root).map(([title, entry]) => {
    const labels: ItemLabels = { title, language: String(entry?.language ?? ''), required: new Map(), optional: new Map(), unresolved: [] };
    for (const kind of KINDS) {
      const raw = (entry?.[LABEL_KEYS[kind]] ?? {}) as { required?: unknown; optional?: unknown };
      for (const part of ['required', 'optional'] as const) {
        const list = raw[part] ?? [];
        if (!Array.isArray(list) || !list.every((l) => typeof l === 'string')) {
          throw new DevsetError(`${file}: "${title}".${LABEL_KEYS[kind]}.${part} must be a list of names or slugs`);
        }
        const slugs = new Set<string>();
        for (const label of list as string[]) {
          const found = index.get(kind)!.get(phraseKey(label));
          if (found?.size === 1) slugs.add([...found][0]);
          else if (part === 'required') {
            const why = found ? `names ${found.size} ${LABEL_KEYS[kind]} (${[...found].join(', ')}): label it by slug` : NOT_IN_CATALOGUE;
            labels.unresolved.push({ kind, label, why });
          }
        }
        labels[part].set(kind, slugs);
      }
    }
    return labels;
  });
}

/** Ingests the development set into a fresh database and scores the links it stored. */
export async function evaluate(devsetDir: string, seedsDir: string): Promise<EvalReport> {
  const catalogue = loadCatalogue(seedsDir);
  const labelsFile = join(devsetDir, 'labels.yaml');
  const labels = readLabels(readFileSync(labelsFile, 'utf8'), labelsFile, catalogue);
  const database = await openDatabase(':memory:');
  try {
    const files = seedFiles(devsetDir);
    const ingest = await ingestFiles(database.sql, files, { catalogue, source: { name: 'Quipu development set', url: 'https://example.org/quipu-devset' } });
    if (ingest.errors.length > 0) throw new DevsetError(ingest.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
    const joins = KINDS.map((kind) => `LEFT JOIN ${subjectTables[kind].table} s_${kind} ON l.subject_kind = '${kind}' AND s_${kind}.id = l.subject_id`).join(' ');
    const rows = await database.sql.all<{ title: string; kind: SubjectKind; slug: string }>(
      `SELECT a.title, l.subject_kind AS kind, coalesce(${KINDS.map((k) => `s_${k}.slug`).join(', ')}) AS slug FROM article_link l JOIN article a ON a.id = l.article_id ${joins}`,
    );
    const linked = new Map<string, Map<SubjectKind, Set<string>>>();
    for (const row of rows) {
      const byKind = linked.get(row.title) ?? new Map(KINDS.map((k) => [k, new Set<string>()]));
      byKind.get(row.kind)!.add(row.slug);
      linked.set(row.title, byKind);
    }
    const titles = new Set(labels.map((l) => l.title));
    const stored = await database.sql.all<{ title: string }>('SELECT title FROM article');
    const unlabelled = stored.filter((a) => !titles.has(a.title)).map((a) => a.title);
    const missing = labels.filter((l) => !stored.some((a) => a.title === l.title)).map((l) => l.title);
    if (unlabelled.length > 0 || missing.length > 0) {
      throw new DevsetError(`${labelsFile}: ${[...unlabelled.map((t) => `no labels for "${t}"`), ...missing.map((t) => `labels for "${t}", which no news file has`)].join('; ')}`);
    }
    const suggestions = await database.sql.all<{ title: string; formKey: string; kind: SubjectKind }>(
      'SELECT DISTINCT a.title, s.form_key AS formKey, s.kind FROM entity_suggestion s JOIN article a ON a.id = s.article_id',
    );
    return {
      ...score(labels, linked, topicAncestors(catalogue)),
      extractionRate: extractionRate(catalogue, files),
      discovery: discovery(labels, suggestions),
    };
  } finally {
    await database.close();
  }
}

/** Extracts the set's items over and over for about half a second, after a warm-up round. */
function extractionRate(catalogue: Catalogue, files: string[]): number {
  const extract = createExtractor(catalogue);
  const items = files.flatMap((file) => parseNewsFile(readFileSync(file), file).items);
  for (const item of items) extract(item);
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < 500) {
    for (const item of items) extract(item);
    done += items.length;
  }
  return Math.round(done / ((performance.now() - started) / 1000));
}

/** How many of the required names the catalogue lacks were suggested in their item. */
function discovery(labels: ItemLabels[], suggestions: { title: string; formKey: string; kind: SubjectKind }[]): EvalReport['discovery'] {
  const lacking = labels.flatMap((item) => item.unresolved.filter((u) => u.why === NOT_IN_CATALOGUE).map((u) => ({ title: item.title, ...u })));
  const found = lacking.map((u) => suggestions.filter((s) => s.title === u.title && s.formKey === phraseKey(u.label)));
  return { lacking: lacking.length, suggested: found.filter((f) => f.length > 0).length, rightKind: found.filter((f, i) => f.some((s) => s.kind === lacking[i].kind)).length };
}

function topicAncestors(catalogue: Catalogue): Map<string, string[]> {
  const parent = new Map(catalogue.topics.map((t) => [t.slug, t.parent]));
  const out = new Map<string, string[]>();
  for (const t of catalogue.topics) {
    const chain: string[] = [];
    for (let p = t.parent; p !== null && p !== undefined; p = parent.get(p) ?? null) chain.push(p);
    out.set(t.slug, chain);
  }
  return out;
}

function score(labels: ItemLabels[], linked: Map<string, Map<SubjectKind, Set<string>>>, ancestors: Map<string, string[]>): Omit<EvalReport, 'extractionRate' | 'discovery'> {
  const empty = (): KindScore => ({ required: 0, found: 0, linked: 0, correct: 0, recall: 0, precision: 0 });
  const scores = { ...Object.fromEntries(KINDS.map((k) => [k, empty()])), ALL: empty() } as EvalReport['scores'];
  const misses: EvalReport['misses'] = [];
  const extras: EvalReport['extras'] = [];
  const byLanguage: Record<string, number> = {};
  for (const item of labels) {
    byLanguage[item.language] = (byLanguage[item.language] ?? 0) + 1;
    for (const kind of KINDS) {
      const required = item.required.get(kind)!;
      const optional = item.optional.get(kind)!;
      const links = linked.get(item.title)?.get(kind) ?? new Set<string>();
      const implied = new Set(kind === SubjectKind.TOPIC ? [...required, ...optional].flatMap((t) => ancestors.get(t) ?? []) : []);
      const unresolved = item.unresolved.filter((u) => u.kind === kind);
      const s = scores[kind];
      s.required += required.size + unresolved.length;
      for (const slug of required) {
        if (links.has(slug)) s.found++;
        else misses.push({ title: item.title, kind, label: slug, why: 'in the catalogue, not linked' });
      }
      misses.push(...unresolved.map((u) => ({ title: item.title, ...u })));
      for (const slug of links) {
        if (required.has(slug)) {
          s.linked++;
          s.correct++;
        } else if (!optional.has(slug) && !implied.has(slug)) {
          s.linked++;
          extras.push({ title: item.title, kind, slug });
        }
      }
    }
  }
  for (const kind of KINDS) {
    const s = scores[kind];
    for (const key of ['required', 'found', 'linked', 'correct'] as const) scores.ALL[key] += s[key];
  }
  for (const s of Object.values(scores)) {
    s.recall = s.required === 0 ? 1 : s.found / s.required;
    s.precision = s.linked === 0 ? 1 : s.correct / s.linked;
  }
  return { items: labels.length, byLanguage, scores, misses, extras };
}

/** The report as the CLI prints it: a table, then every miss and every extra. */
export function formatReport(report: EvalReport): string {
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  const rows = [...KINDS, 'ALL' as const].map((kind) => {
    const s = report.scores[kind];
    const name = kind === 'ALL' ? 'overall' : LABEL_KEYS[kind];
    return `| ${name} | ${s.required} | ${s.found} | ${pct(s.recall)} | ${s.linked} | ${s.correct} | ${pct(s.precision)} |`;
  });
  const languages = Object.entries(report.byLanguage)
    .map(([language, n]) => `${n} ${language}`)
    .join(', ');
  return [
    `${report.items} items (${languages}); extraction with this catalogue: ${report.extractionRate.toLocaleString('en')} articles/s on one core`,
    `Discovery: of ${report.discovery.lacking} required names the catalogue lacks, ${report.discovery.suggested} are entity suggestions of their item, ${report.discovery.rightKind} of them with the right kind`,
    '',
    '| kind | required | found | recall | linked | correct | precision |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Misses (${report.misses.length}):`,
    ...report.misses.map((m) => `  ${m.title}: ${m.kind.toLowerCase()} ${m.label} (${m.why})`),
    '',
    `Extras (${report.extras.length}):`,
    ...report.extras.map((e) => `  ${e.title}: ${e.kind.toLowerCase()} ${e.slug}`),
  ].join('\n');
}
