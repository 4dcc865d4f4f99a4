import { join } from 'node:path';
import { type Catalogue, CatalogueError, loadCatalogue, parseCatalogue } from './catalogue';

const SEEDS = join(__dirname, '../../seeds');

const TAXONOMY = `
topics:
  - slug: mining
    name: Mining
    description: Mines.
    rules:
      - { match: [mine, mines], weight: 0.5 }
    children:
      - slug: artisanal-mining
        name: Artisanal mining
        description: Small mines.
        threshold: 0.6
        rules: [{ match: artisanal gold, weight: 0.6 }]
`;

const GAZETTEER = `
organisations:
  - { slug: southern-copper, name: Southern Copper Corporation, kind: COMPANY, aliases: [Southern], parent: grupo-mexico, country: US }
  - { slug: grupo-mexico, name: Grupo México, kind: COMPANY, aliases: [Grupo Mexico], country: MX }
places:
  - { slug: tia-maria, name: Tía María, kind: MINE_SITE, aliases: [Tia Maria], parent: peru, latitude: -17.1, longitude: -71.7 }
  - { slug: peru, name: Peru, kind: COUNTRY, aliases: [Perú], latitude: -9.19, longitude: -75.02 }
people:
  - { slug: rosa-bartra, name: Rosa Bartra, aliases: [Bartra], description: A legislator. }
ignore: [Southern Peru]
`;

/** Parses the fixtures and returns the problems, or [] if they are valid. */
function problemsOf(taxonomy: string, gazetteer: string): string[] {
  try {
    parseCatalogue(taxonomy, gazetteer);
    return [];
  } catch (e) {
    if (e instanceof CatalogueError) return e.problems;
    throw e;
  }
}

describe('parseCatalogue', () => {
  it('reads a valid catalogue, flattening trees so that parents come first', () => {
    const c: Catalogue = parseCatalogue(TAXONOMY, GAZETTEER);
    expect(c.topics.map((t) => [t.slug, t.parent, t.threshold])).toEqual([
      ['mining', null, 0.5],
      ['artisanal-mining', 'mining', 0.6],
    ]);
    expect(c.topics[0].rules).toEqual([
      { match: 'mine', weight: 0.5 },
      { match: 'mines', weight: 0.5 },
    ]);
    expect(c.organisations.map((o) => o.slug)).toEqual(['grupo-mexico', 'southern-copper']);
    expect(c.organisations[1]).toEqual({
      slug: 'southern-copper',
      name: 'Southern Copper Corporation',
      kind: 'COMPANY',
      aliases: ['Southern'],
      parent: 'grupo-mexico',
      country: 'US',
      description: null,
    });
    expect(c.places.map((p) => p.slug)).toEqual(['peru', 'tia-maria']);
    expect(c.people).toEqual([{ slug: 'rosa-bartra', name: 'Rosa Bartra', aliases: ['Bartra'], description: 'A legislator.' }]);
    expect(c.ignore).toEqual(['Southern Peru']);
  });

  it('names the file given by the caller in each problem', () => {
    const problems = problemsOf('topics: [', GAZETTEER.replace('kind: COUNTRY', 'kind: NATION'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^taxonomy\.yaml: YAML error/);
    expect(() => parseCatalogue('topics: [', GAZETTEER, { taxonomy: 'a/t.yaml', gazetteer: 'a/g.yaml' })).toThrow(/a\/t\.yaml: YAML error/);
  });

  it('reports an unknown kind, listing the allowed values', () => {
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('kind: COUNTRY', 'kind: NATION'))).toEqual([
      'gazetteer.yaml: places[1] (peru): unknown kind "NATION" (allowed: COUNTRY, REGION, PROVINCE, DISTRICT, TOWN, MINE_SITE, NATURAL_AREA)',
    ]);
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('kind: COMPANY, aliases: [Grupo', 'kind: FIRM, aliases: [Grupo'))[0]).toMatch(
      /^gazetteer\.yaml: organisations\[1\] \(grupo-mexico\): unknown kind "FIRM" \(allowed: COMPANY, GOVERNMENT_BODY, .*OTHER\)$/,
    );
  });

  it('reports duplicate slugs, in a topic tree and in an entity list', () => {
    expect(problemsOf(TAXONOMY.replace('slug: artisanal-mining', 'slug: mining'), GAZETTEER)).toEqual([
      'taxonomy.yaml: topics[0].children[0] (mining): duplicate topic slug "mining"',
    ]);
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('slug: tia-maria', 'slug: peru').replace('parent: peru', 'parent: null'))).toEqual([
      'gazetteer.yaml: places[1] (peru): duplicate slug "peru" in places',
    ]);
  });

  it('reports a malformed slug', () => {
    expect(problemsOf(TAXONOMY.replace('slug: artisanal-mining', 'slug: Artisanal_Mining'), GAZETTEER)).toEqual([
      'taxonomy.yaml: topics[0].children[0] (Artisanal_Mining): slug "Artisanal_Mining" must match ^[a-z0-9]+(-[a-z0-9]+)*$ (lower-case words joined by hyphens)',
    ]);
  });

  it('reports an unknown parent and a parent cycle', () => {
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('parent: peru', 'parent: peru-country'))).toEqual([
      'gazetteer.yaml: places[0] (tia-maria): unknown parent "peru-country" (must be the slug of one of the places)',
    ]);
    const cycle = GAZETTEER.replace('country: MX }', 'country: MX, parent: southern-copper }');
    expect(problemsOf(TAXONOMY, cycle)).toEqual(['gazetteer.yaml: organisations[0] (southern-copper): parent cycle: southern-copper -> grupo-mexico -> southern-copper']);
  });

  it('reports rule weights and thresholds out of range', () => {
    const bad = TAXONOMY.replace('weight: 0.5', 'weight: 1.5').replace('weight: 0.6', 'weight: 0').replace('threshold: 0.6', 'threshold: -1');
    expect(problemsOf(bad, GAZETTEER)).toEqual([
      'taxonomy.yaml: topics[0] (mining) rules[0]: "weight" must be a number > 0 and <= 1, got 1.5',
      'taxonomy.yaml: topics[0].children[0] (artisanal-mining): "threshold" must be a number > 0 and <= 1, got -1',
      'taxonomy.yaml: topics[0].children[0] (artisanal-mining) rules[0]: "weight" must be a number > 0 and <= 1, got 0',
    ]);
  });

  it('reports a topic rule without weight or words, and a phrase listed twice in one topic', () => {
    const bad = TAXONOMY.replace('{ match: [mine, mines], weight: 0.5 }', '{ match: [mine, Mine, "--"] }');
    expect(problemsOf(bad, GAZETTEER)).toEqual([
      'taxonomy.yaml: topics[0] (mining) rules[0]: "match" entry "--" has no letters or digits to match',
      'taxonomy.yaml: topics[0] (mining) rules[0]: missing "weight" (a number > 0 and <= 1)',
      'taxonomy.yaml: topics[0] (mining) rules[0]: phrase "Mine" appears more than once in this topic',
    ]);
  });

  it('reports latitude and longitude out of range', () => {
    const bad = GAZETTEER.replace('latitude: -17.1, longitude: -71.7', 'latitude: -97.1, longitude: 271.7');
    expect(problemsOf(TAXONOMY, bad)).toEqual([
      'gazetteer.yaml: places[0] (tia-maria): "latitude" must be a number >= -90 and <= 90, got -97.1',
      'gazetteer.yaml: places[0] (tia-maria): "longitude" must be a number >= -180 and <= 180, got 271.7',
    ]);
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('latitude: -9.19', 'latitude: null'))).toEqual([
      'gazetteer.yaml: places[1] (peru): latitude and longitude must both be numbers or both be null',
    ]);
  });

  it('reports a surface form that names two entities, after folding accents, case and hyphens', () => {
    const bad = GAZETTEER.replace('aliases: [Bartra]', 'aliases: [Bartra, "TIA-maria"]');
    expect(problemsOf(TAXONOMY, bad)).toEqual([
      'gazetteer.yaml: person "rosa-bartra": surface form "TIA-maria" also names place "tia-maria" (as "Tía María"); a surface form must name one entity',
    ]);
    const org = GAZETTEER.replace('aliases: [Perú]', 'aliases: [Perú, Southern]');
    expect(problemsOf(TAXONOMY, org)).toEqual([
      'gazetteer.yaml: place "peru": surface form "Southern" also names organisation "southern-copper" (as "Southern"); a surface form must name one entity',
    ]);
  });

  it('reports an ignore phrase that is also an entity name', () => {
    expect(problemsOf(TAXONOMY, GAZETTEER.replace('ignore: [Southern Peru]', 'ignore: [Southern Peru, tia maria]'))).toEqual([
      'gazetteer.yaml: ignore phrase: surface form "tia maria" also names place "tia-maria" (as "Tía María"); a surface form must name one entity',
    ]);
  });

  it('allows the same form as a topic keyword and an entity alias, and repeated forms of one entity', () => {
    expect(problemsOf(TAXONOMY.replace('[mine, mines]', '[mine, mines, Southern]'), GAZETTEER.replace('[Tia Maria]', '[Tia Maria, TÍA MARÍA]'))).toEqual([]);
  });

  it('reports unknown fields, missing names, bad countries and wrong types', () => {
    const bad = GAZETTEER.replace('aliases: [Bartra]', 'alias: [Bartra]').replace('name: Grupo México, ', '').replace('country: MX', 'country: Mexico');
    expect(problemsOf(TAXONOMY.replace('children:', 'kids:'), bad)).toEqual([
      'taxonomy.yaml: topics[0] (mining): unknown field "kids" (allowed: slug, name, description, threshold, rules, children)',
      'gazetteer.yaml: organisations[1] (grupo-mexico): missing "name" (a non-empty string)',
      'gazetteer.yaml: organisations[1] (grupo-mexico): country "Mexico" must be an ISO 3166-1 alpha-2 code such as "PE", or null',
      'gazetteer.yaml: people[0] (rosa-bartra): unknown field "alias" (allowed: slug, name, aliases, capitalised, description)',
    ]);
    expect(problemsOf('topics: 3', 'places: [3]\nmore: 1')).toEqual([
      'taxonomy.yaml: "topics" must be a list, got 3',
      'gazetteer.yaml: top level: unknown key "more" (allowed: organisations, places, people, ignore)',
      'gazetteer.yaml: places[0]: must be a mapping with fields slug, name, kind, aliases, capitalised, parent, latitude, longitude, ubigeo, description, operator',
    ]);
  });

  it('collects every problem before throwing, and lists them in the message', () => {
    const bad = GAZETTEER.replace('kind: COUNTRY', 'kind: NATION').replace('slug: rosa-bartra', 'slug: Rosa');
    let error: unknown;
    try {
      parseCatalogue(TAXONOMY.replace('weight: 0.5', 'weight: 2'), bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    const { problems, message } = error as CatalogueError;
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(message).toContain(p);
    expect(message).toMatch(/^Invalid catalogue, 3 problem\(s\):/);
  });
});

describe('the real seeds', () => {
  const catalogue = loadCatalogue(SEEDS);

  it('load with no problems and contain the four core topics as roots', () => {
    const roots = catalogue.topics.filter((t) => t.parent === null).map((t) => t.slug);
    expect(roots).toEqual(expect.arrayContaining(['mining', 'human-rights', 'environment', 'politics']));
  });

  it('nest the mine sites under their district, province, region and country', () => {
    const places = new Map(catalogue.places.map((p) => [p.slug, p]));
    const chain = (slug: string): string[] => {
      const parent = places.get(slug)?.parent;
      return parent ? [slug, ...chain(parent)] : [slug];
    };
    expect(chain('michiquillay')).toEqual(['michiquillay', 'encanada', 'cajamarca-province', 'cajamarca', 'peru']);
    expect(chain('tia-maria')).toEqual(['tia-maria', 'cocachacra', 'islay', 'arequipa', 'peru']);
    expect(chain('toquepala')).toEqual(['toquepala', 'ilabaya', 'jorge-basadre', 'tacna', 'peru']);
    expect(chain('cuajone')).toEqual(['cuajone', 'torata', 'mariscal-nieto', 'moquegua', 'peru']);
    expect(chain('ilo')).toEqual(['ilo', 'ilo-province', 'moquegua', 'peru']);
    expect(chain('pativilca')).toEqual(['pativilca', 'barranca', 'lima-region', 'peru']);
    expect(chain('vancouver')).toEqual(['vancouver', 'british-columbia', 'canada']);
  });

  it('give coordinates to every country, region, province, district and mine site', () => {
    // A river or a protected area without a point the catalogue is sure of may have none.
    for (const p of catalogue.places.filter((place) => place.kind !== 'NATURAL_AREA')) {
      expect([p.slug, p.latitude !== null && p.longitude !== null]).toEqual([p.slug, true]);
    }
  });
});
