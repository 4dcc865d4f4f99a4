/**
 * Reading the catalogue's YAML files: each entry's fields checked, every problem reported against
 * the file and entry at fault (never only the first), and where each entry was defined remembered
 * for the problems found after the files are merged (catalogue.ts).
 */
import { parseDocument } from 'yaml';
import { phraseKey } from './matcher';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type Obj = Record<string, unknown>;
export type Report = (where: string, what: string) => void;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Reads the fields of one YAML mapping, reporting wrong or unknown fields against `where`. */
export class Fields {
  constructor(
    private readonly o: Obj,
    readonly where: string,
    private readonly report: Report,
    allowed: string[],
  ) {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) report(where, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
    }
  }
  problem(what: string): void {
    this.report(this.where, what);
  }
  has(key: string): boolean {
    return this.o[key] !== undefined && this.o[key] !== null;
  }
  str(key: string, required: boolean): string | null {
    const v = this.o[key];
    if (v === undefined || v === null) {
      if (required) this.problem(`missing "${key}" (a non-empty string)`);
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.problem(`"${key}" must be a non-empty string, got ${show(v)}`);
      return null;
    }
    return v;
  }
  /** A string or a list of strings (used for aliases and rule matches); missing means empty. */
  strings(key: string): string[] {
    const v = this.o[key];
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    const ok = list.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
    if (ok.length !== list.length) this.problem(`"${key}" must be a string or a list of non-empty strings, got ${show(v)}`);
    for (const s of ok) if (phraseKey(s) === '') this.problem(`"${key}" entry ${show(s)} has no letters or digits to match`);
    return ok;
  }
  /** A number in [min, max] (min exclusive when `openMin`), or null when missing and optional. */
  num(key: string, min: number, max: number, openMin: boolean, fallback: number | null): number | null {
    const v = this.o[key];
    if (v === undefined || v === null) return fallback;
    const inRange = typeof v === 'number' && (openMin ? v > min : v >= min) && v <= max;
    if (!inRange) this.problem(`"${key}" must be a number ${openMin ? '>' : '>='} ${min} and <= ${max}, got ${show(v)}`);
    return inRange ? v : fallback;
  }
  kind<K extends string>(allowed: Record<string, K>): K {
    const v = this.o.kind;
    const values = Object.values(allowed);
    if (!values.includes(v as K)) this.problem(`unknown kind ${show(v)} (allowed: ${values.join(', ')})`);
    return v as K;
  }
}

export function parseYaml(text: string, file: string, problems: string[]): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  // The first error says where the file went wrong; the ones after it mostly follow from it.
  const [first, ...rest] = doc.errors;
  if (first) problems.push(`${file}: YAML error: ${first.message}${rest.length > 0 ? ` (and ${rest.length} more after it)` : ''}`);
  return first ? undefined : doc.toJS();
}

export function list(root: Obj, key: string, file: string, problems: string[]): unknown[] {
  const v = root[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  problems.push(`${file}: "${key}" must be a list, got ${show(v)}`);
  return [];
}

/** Where each entry was defined ("gazetteer.yaml: places[3] (cusco)"), for problems found after merging. */
export const origins = new WeakMap<object, string>();

/** Reads one entry list, checking slugs are well formed and unique within the list. */
export function entries<T extends { slug: string }>(items: unknown[], path: string, report: Report, allowed: string[], read: (f: Fields) => Omit<T, 'slug'>, file?: string): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  items.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(raw)) {
      report(at, `must be a mapping with fields ${allowed.join(', ')}`);
      return;
    }
    const slug = typeof raw.slug === 'string' ? raw.slug : '';
    const f = new Fields(raw, slug ? `${at} (${slug})` : at, report, allowed);
    if (!SLUG.test(slug)) f.problem(`slug ${show(raw.slug)} must match ${SLUG.source} (lower-case words joined by hyphens)`);
    else if (seen.has(slug)) f.problem(`duplicate slug "${slug}" in ${path}`);
    seen.add(slug);
    const entry = { slug, ...read(f) } as T;
    origins.set(entry, `${file === undefined ? '' : `${file}: `}${f.where}`);
    out.push(entry);
  });
  return out;
}

/** Orders entries parent-first, reporting unknown parents and cycles. */
export function parentFirst<T extends { slug: string; parent: string | null }>(items: T[], what: string, report: Report): T[] {
  const bySlug = new Map(items.map((e) => [e.slug, e]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: T[] = [];
  const at = (e: T): string => origins.get(e) ?? e.slug;
  const visit = (e: T, trail: string[]): void => {
    if (state.get(e.slug) === 'done') return;
    if (state.get(e.slug) === 'visiting') {
      report(at(e), `parent cycle: ${[...trail.slice(trail.indexOf(e.slug)), e.slug].join(' -> ')}`);
      return;
    }
    state.set(e.slug, 'visiting');
    const parent = e.parent === null ? undefined : bySlug.get(e.parent);
    if (e.parent !== null && !parent) report(at(e), `unknown parent "${e.parent}" (must be the slug of one of the ${what})`);
    if (parent) visit(parent, [...trail, e.slug]);
    state.set(e.slug, 'done');
    out.push(e);
  };
  for (const e of items) visit(e, []);
  return out;
}
