/**
 * Peru's regions (departments), provinces and districts, read as data from INEI's ubigeo table
 * (seeds/reference/peru-ubigeo.csv) and the written forms of their names
 * (seeds/reference/place-names.yaml). The table writes names in upper case without accents
 * (`APURIMAC`); each name is written word by word from the file's `words` (`Apurímac`), other words
 * in title case, with `de`, `la`, `y`... in lower case, and `names` overrides a whole name.
 *
 * What a name may link is decided here, from the table alone, so that it never depends on what
 * else the catalogue holds:
 * - a region's name, and a province's name no region holds, link on their own;
 * - a district's name, and the name of its capital town, link only with support (see extract.ts):
 *   many are ordinary words or shared by several districts ("Santa Rosa", "Independencia");
 * - qualified forms ("Región Cusco", "Provincia de Espinar", "distrito de Yauri") link on their own
 *   when only one unit of that level has the name; else they too need support.
 * Every generated form matches only text that writes the name with capitals ("la libertad de
 * prensa" is not the region of La Libertad).
 *
 * Slugs come from the table alone too: a region's name (`cusco`); a province's, with `-province`
 * when a region has the name (`cusco-province`, `espinar`); a district's, with `-district` when a
 * region or province has the name (`espinar-district`), and with its province's slug when several
 * districts share it (`santa-rosa-el-collao`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseDocument } from 'yaml';
import { PlaceKind } from '../place/place-kind';
import { phraseKey } from './matcher';
import { slugify } from './slug';

/** A name or alias as extraction matches it. */
export interface SurfaceForm {
  text: string;
  /** Links only when the article also names a place above it or a site inside it; several places may share the form. */
  needsSupport: boolean;
  /** Matches only text that writes the name's words with capitals, as `text` does. */
  capitalised: boolean;
}

/** One unit of the ubigeo table, ready to be a place of the catalogue. */
export interface ReferencePlace {
  /** Null for the district the table gives no code (it was created after the table was compiled). */
  ubigeo: string | null;
  kind: PlaceKind.REGION | PlaceKind.PROVINCE | PlaceKind.DISTRICT;
  slug: string;
  name: string;
  /** The ubigeo of the unit above; null for a region (it lies in Peru). */
  parentUbigeo: string | null;
  /** Other names shown to users: the form without accents, English and older forms. */
  aliases: string[];
  forms: SurfaceForm[];
  /** Of the capital; a district the table gives none has its province's. */
  latitude: number | null;
  longitude: number | null;
}

export const REFERENCE_CSV = 'peru-ubigeo.csv';
export const PLACE_NAMES = 'place-names.yaml';

/** Words written in lower case inside a name. */
const SMALL_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e']);
/** Folded words a capitalised form may write in lower case: the small words and the words that qualify a name. */
export const UNCAPITALISED_WORDS = new Set([...SMALL_WORDS, 'of', 'region', 'department', 'departamento', 'province', 'provincia', 'district', 'distrito']);
const LEVELS = { department: PlaceKind.REGION, province: PlaceKind.PROVINCE, district: PlaceKind.DISTRICT } as const;
const UBIGEO = /^\d{6}$/;

interface Row {
  ubigeo: string;
  level: keyof typeof LEVELS;
  department: string;
  province: string;
  district: string;
  capital: string;
  latitude: string;
  longitude: string;
}

interface Names {
  words: Map<string, string>;
  names: Map<string, string>;
  aliases: Map<string, string[]>;
}

/** Thrown for a reference file that cannot be read as the loader expects; says which file and what. */
export class GeographyError extends Error {}

function readNames(text: string, file: string): Names {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) throw new GeographyError(`${file}: YAML error: ${doc.errors[0].message}`);
  const root = (doc.toJS() ?? {}) as Record<string, unknown>;
  const map = (key: string): Record<string, unknown> => {
    const v = root[key];
    if (v == null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) throw new GeographyError(`${file}: "${key}" must be a mapping`);
    return v as Record<string, unknown>;
  };
  const words = new Map<string, string>();
  for (const [word, form] of Object.entries(map('words'))) {
    if (typeof form !== 'string' || phraseKey(form) !== phraseKey(word)) {
      throw new GeographyError(`${file}: words.${word} must be the same word written with its accents, got ${JSON.stringify(form)}`);
    }
    words.set(word, form);
  }
  const names = new Map<string, string>();
  for (const [code, form] of Object.entries(map('names'))) {
    if (!UBIGEO.test(code) || typeof form !== 'string') throw new GeographyError(`${file}: names.${code} must map a six-digit ubigeo to a name`);
    names.set(code, form);
  }
  const aliases = new Map<string, string[]>();
  for (const [code, list] of Object.entries(map('aliases'))) {
    if (!UBIGEO.test(code) || !Array.isArray(list) || !list.every((a) => typeof a === 'string' && phraseKey(a) !== '')) {
      throw new GeographyError(`${file}: aliases.${code} must map a six-digit ubigeo to a list of names`);
    }
    aliases.set(code, list);
  }
  return { words, names, aliases };
}

/** `SAN JUAN DE LA FRONTERA` -> `San Juan de la Frontera`, with the accents of `words`. */
function written(upper: string, words: Map<string, string>): string {
  return upper
    .split(/\s+/)
    .map((word, i) => {
      const known = words.get(word);
      if (known) return known;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
}

const form = (text: string, needsSupport: boolean): SurfaceForm => ({ text, needsSupport, capitalised: true });

/** Reads the ubigeo table and the written names from `referenceDir`; throws GeographyError naming the file and row. */
export function loadGeography(referenceDir: string): ReferencePlace[] {
  const csv = join(referenceDir, REFERENCE_CSV);
  const names = join(referenceDir, PLACE_NAMES);
  return parseGeography(readFileSync(csv, 'utf8'), readFileSync(names, 'utf8'), { csv, names });
}

/** Reads the ubigeo table and the written names from their texts; throws GeographyError naming the file and row. */
export function parseGeography(csvText: string, namesYaml: string, files = { csv: REFERENCE_CSV, names: PLACE_NAMES }): ReferencePlace[] {
  const rows = parseCsv(csvText, { columns: true, skip_empty_lines: true }) as Row[];
  return buildGeography(rows, readNames(namesYaml, files.names), files.csv);
}

function buildGeography(rows: Row[], names: Names, file: string): ReferencePlace[] {
  // Rows of the table's newest districts say NA for what it does not know: their capital and
  // coordinates, and for one of them the code.
  const known = (value: string): string | null => (value === 'NA' || value.trim() === '' ? null : value.trim());
  const codeOf = new Map(rows.filter((r) => r.level !== 'district').map((r) => [`${r.department}|${r.level === 'province' ? r.province : ''}`, r.ubigeo]));
  const units = rows.map((row, i) => {
    const where = `${file}: row ${i + 2}`;
    if (!(row.level in LEVELS)) throw new GeographyError(`${where}: level ${JSON.stringify(row.level)} is not department, province or district`);
    const ubigeo = known(row.ubigeo);
    if (ubigeo !== null && !UBIGEO.test(ubigeo)) throw new GeographyError(`${where}: ubigeo ${JSON.stringify(row.ubigeo)} is not six digits`);
    if (ubigeo === null && row.level !== 'district') throw new GeographyError(`${where}: a ${row.level} needs its ubigeo`);
    const upper = row.level === 'department' ? row.department : row.level === 'province' ? row.province : row.district;
    const name = (ubigeo !== null && names.names.get(ubigeo)) || written(upper, names.words);
    const parentUbigeo = row.level === 'department' ? null : row.level === 'province' ? codeOf.get(`${row.department}|`) : codeOf.get(`${row.department}|${row.province}`);
    if (parentUbigeo === undefined) throw new GeographyError(`${where}: ${upper} lies in a unit that is not in the table`);
    const latitude = known(row.latitude) === null ? null : Number(row.latitude);
    const longitude = known(row.longitude) === null ? null : Number(row.longitude);
    if ((latitude !== null && !Number.isFinite(latitude)) || (longitude !== null && !Number.isFinite(longitude))) throw new GeographyError(`${where}: bad coordinates`);
    return { row, ubigeo, id: ubigeo ?? `row ${i + 2}`, kind: LEVELS[row.level], name, key: phraseKey(name), parentUbigeo, latitude, longitude, capital: known(row.capital) ?? '' };
  });
  const byUbigeo = new Map(units.filter((u) => u.ubigeo !== null).map((u) => [u.ubigeo!, u]));
  // A district the table gives no coordinates takes its province's (the table lists parents first).
  for (const u of units) {
    if (u.latitude !== null || u.parentUbigeo === null) continue;
    const parent = byUbigeo.get(u.parentUbigeo)!;
    u.latitude = parent.latitude;
    u.longitude = parent.longitude;
  }
  // How many units of each level hold each name, and the highest level that does.
  const held = (kind: PlaceKind) => {
    const counts = new Map<string, number>();
    for (const u of units) if (u.kind === kind) counts.set(u.key, (counts.get(u.key) ?? 0) + 1);
    return counts;
  };
  const regions = held(PlaceKind.REGION);
  const provinces = held(PlaceKind.PROVINCE);
  const districts = held(PlaceKind.DISTRICT);
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  const claim = (id: string, slug: string) => {
    if (used.has(slug)) throw new GeographyError(`${file}: slug ${slug} of ${id} is taken; add a name override`);
    used.add(slug);
    slugs.set(id, slug);
  };
  for (const u of units) {
    const base = slugify(u.name);
    if (u.kind === PlaceKind.REGION) claim(u.id, base);
    else if (u.kind === PlaceKind.PROVINCE) claim(u.id, regions.has(u.key) ? `${base}-province` : base);
  }
  for (const u of units) {
    if (u.kind !== PlaceKind.DISTRICT) continue;
    const base = slugify(u.name);
    const province = slugify(byUbigeo.get(u.parentUbigeo!)!.name);
    const slug = districts.get(u.key)! > 1 ? `${base}-${province}` : regions.has(u.key) || provinces.has(u.key) ? `${base}-district` : base;
    claim(u.id, used.has(slug) ? `${slug}-${u.ubigeo}` : slug);
  }

  return units.map((u) => {
    const { key, name: base } = u;
    // "Cusco" is the region; its province and district of that name are shown as such.
    const name =
      u.kind === PlaceKind.PROVINCE && regions.has(key)
        ? `${u.name} Province`
        : u.kind === PlaceKind.DISTRICT && (regions.has(key) || provinces.has(key))
          ? `${u.name} District`
          : u.name;
    const forms: SurfaceForm[] = [];
    const extra = u.ubigeo === null ? [] : (names.aliases.get(u.ubigeo) ?? []);
    const aliases = [...extra];
    const plain = name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC');
    if (plain !== name) aliases.unshift(plain);
    if (u.kind === PlaceKind.REGION) {
      forms.push(form(base, false), ...[`Región ${base}`, `${base} Region`, `Departamento de ${base}`, `Department of ${base}`].map((f) => form(f, false)));
    } else if (u.kind === PlaceKind.PROVINCE) {
      if (!regions.has(key)) forms.push(form(base, false));
      forms.push(...[`Provincia de ${base}`, `${base} Province`, `Province of ${base}`].map((f) => form(f, false)));
    } else {
      const shared = districts.get(key)! > 1;
      if (!regions.has(key) && !provinces.has(key)) forms.push(form(base, true));
      forms.push(...[`Distrito de ${base}`, `${base} District`, `District of ${base}`].map((f) => form(f, shared)));
      // "Islay (Matarani)": the town has two names.
      for (const capital of u.capital.split(/[()]/).map((c) => c.trim())) {
        const capitalKey = phraseKey(capital);
        if (capitalKey !== '' && capitalKey !== key && !regions.has(capitalKey) && !provinces.has(capitalKey)) forms.push(form(capital, true));
      }
    }
    for (const alias of extra) forms.push(form(alias, u.kind === PlaceKind.DISTRICT));
    return {
      ubigeo: u.ubigeo,
      kind: u.kind as ReferencePlace['kind'],
      slug: slugs.get(u.id)!,
      name,
      parentUbigeo: u.parentUbigeo,
      aliases,
      forms,
      latitude: u.latitude,
      longitude: u.longitude,
    };
  });
}
