import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleField, SubjectKind } from '../article/mention-kinds';
import { loadCatalogue, parseCatalogue } from './catalogue';
import { type ArticleText, createExtractor, type ExtractedLink } from './extract';

const SEEDS = join(__dirname, '../../seeds');
const SOURCE = readFileSync(join(SEEDS, '000_90b8483afbba3601.txt'), 'utf8');
const extract = createExtractor(loadCatalogue(SEEDS));

/** The ten news items of seeds/000_90b8483afbba3601.txt: exact titles and summaries, no body. */
const NEWS = {
  heavyMetals: {
    title: 'Disappointing response on heavy metals contamination',
    summary:
      'In November last year, there was the first national meeting of the many groups affected by heavy metals contamination in mining areas. That meeting, a promising move, ended with an agreement for a national forum of all the groups represented.',
  },
  fraser: {
    title: "Interpreting Fraser Institute's report on Peru's attractiveness to investors",
    summary:
      'Peru has improved its attractiveness to investment in mining, according to company perceptions. This information is contained in a new report by the Fraser Institute, a Canadian think-tank based in Vancouver.',
  },
  bartra: {
    title: "Students reject 'discriminatory' law",
    summary:
      'Dubbed ‘the law for youth slavery’, Fujimorista legislator Rosa Bartra’s draft legislation has led to street protest and a pledge from other members of Congress that it will not pass a second reading. The reaction has been so strong that Bartra herself has called for its withdrawal until it can be improved.',
  },
  fujimori: {
    title: 'Fujimori to stand trial anew?',
    summary:
      'Alberto Fujimori may stand trial for his part in the killings at Pativilca, nothwithstanding the pardon given to him by President Pedro Pablo Kuczynski last December.',
  },
  michiquillay: {
    title: 'Southern gets the go-ahead for Michiquillay',
    summary:
      'Southern Peru Copper, a division of the Mexican multinational Grupo México, has been awarded the contract to develop and exploit the Michiquillay mine in Cajamarca. Southern currently has two large mines, Toquepala and Cuajone, in Southern Peru, along with a copper smelter at Ilo.',
  },
  mercury: {
    title: 'Trade in mercury continues',
    summary:
      'Top players in the world market have moved against trade in mercury in recent years. Mercury is a key input in the production of artisanal gold and is highly damaging both to human health and the environment',
  },
  tiaMaria: {
    title: "Growing protest looms over Southern's push on Tia Maria",
    summary: 'Southern Copper is pushing hard to obtain its social licence and with it the permission to go ahead this year with the giant Tía María copper project.',
  },
  growth: {
    title: 'Economic growth slows',
    summary:
      'In 2017, Peru’s gross domestic product (GDP) grew by 2.5%, according to figures published last week by the national statistics office (INEI). This is the slowest rate of growth since 2014.',
  },
  maap: {
    title: 'MAAP maps deforestation in 2017',
    summary:
      'The latest report by the Monitoring of the Andean Amazon Project (MAAP), published last week, provides new figures for deforestation in the Amazon region of Peru. According to MAAP, Peru lost a further 143,425 hectares (354,410 acres) of forest cover in 2017.',
  },
  court: {
    title: 'Inter American Court ruling questioned',
    summary: 'The Inter-American Court on Human Rights (IACHR) has ruled against the Peruvian state in the case of the supreme justices of the Constitutional Tribunal.',
  },
};

function run(item: { title: string; summary: string }): ExtractedLink[] {
  return extract({ ...item, body: null });
}
const slugs = (links: ExtractedLink[], kind: SubjectKind): string[] => links.filter((l) => l.kind === kind).map((l) => l.slug);
function link(links: ExtractedLink[], kind: SubjectKind, slug: string): ExtractedLink {
  const found = links.filter((l) => l.kind === kind && l.slug === slug);
  expect(found).toHaveLength(1);
  return found[0];
}
const texts = (l: ExtractedLink): [ArticleField, number, string][] => l.evidence.map((e) => [e.field, e.offset, e.text]);

it('uses fixtures copied exactly from the seed text', () => {
  for (const { title, summary } of Object.values(NEWS)) {
    expect(SOURCE).toContain(`• ${title}\n`);
    expect(SOURCE).toContain(summary);
  }
});

describe('news items of the seed', () => {
  it('Michiquillay: one southern-copper link from "Southern Peru Copper" and "Southern", not from "Southern Peru"', () => {
    const links = run(NEWS.michiquillay);
    const southern = link(links, SubjectKind.ORGANISATION, 'southern-copper');
    expect(texts(southern)).toEqual([
      [ArticleField.TITLE, 0, 'Southern'],
      [ArticleField.SUMMARY, 0, 'Southern Peru Copper'],
      [ArticleField.SUMMARY, 165, 'Southern'],
    ]);
    expect(southern.relevance).toBe(1); // 0.5 + 0.3 + 0.3, capped
    const inSouthernPeru = NEWS.michiquillay.summary.indexOf('in Southern Peru') + 3;
    expect(southern.evidence.some((e) => e.offset === inSouthernPeru)).toBe(false);
    expect(slugs(links, SubjectKind.ORGANISATION)).toEqual(['southern-copper', 'grupo-mexico']);
    // "Cajamarca" alone is the region; the province needs its qualified name.
    expect(slugs(links, SubjectKind.PLACE)).toEqual(['michiquillay', 'cajamarca', 'cuajone', 'ilo', 'mexico', 'toquepala']);
    expect(texts(link(links, SubjectKind.PLACE, 'michiquillay'))).toEqual([
      [ArticleField.TITLE, 31, 'Michiquillay'],
      [ArticleField.SUMMARY, 133, 'Michiquillay mine'],
    ]);
    expect(slugs(links, SubjectKind.TOPIC)).toContain('mining');
  });

  it('"Southern Peru" alone does not link the company', () => {
    const links = extract({ title: 'Two large mines in Southern Peru', summary: '', body: 'Smelting in southern Peru.' });
    expect(slugs(links, SubjectKind.ORGANISATION)).toEqual([]);
  });

  it('Tia Maria: one place from "Tia Maria" (title) and "Tía María" (summary)', () => {
    const links = run(NEWS.tiaMaria);
    expect(link(links, SubjectKind.PLACE, 'tia-maria')).toEqual({
      kind: SubjectKind.PLACE,
      slug: 'tia-maria',
      relevance: 0.8,
      evidence: [
        { field: ArticleField.TITLE, offset: 46, length: 9, text: 'Tia Maria', weight: 0.5 },
        { field: ArticleField.SUMMARY, offset: 125, length: 9, text: 'Tía María', weight: 0.3 },
      ],
    });
    expect(texts(link(links, SubjectKind.ORGANISATION, 'southern-copper'))).toEqual([
      [ArticleField.TITLE, 27, 'Southern'], // "Southern's": the possessive is left out
      [ArticleField.SUMMARY, 0, 'Southern Copper'],
    ]);
    expect(links.map((l) => [l.kind, l.slug, l.relevance])).toEqual([
      [SubjectKind.TOPIC, 'social-protest', 1],
      [SubjectKind.TOPIC, 'mining', 0.8],
      [SubjectKind.ORGANISATION, 'southern-copper', 0.8],
      [SubjectKind.PLACE, 'tia-maria', 0.8],
    ]);
  });

  it('Rosa Bartra: the person, Congress and Fuerza Popular, but not Alberto Fujimori', () => {
    const links = run(NEWS.bartra);
    expect(link(links, SubjectKind.PERSON, 'rosa-bartra').evidence).toEqual([
      { field: ArticleField.SUMMARY, offset: 59, length: 11, text: 'Rosa Bartra', weight: 0.3 },
      { field: ArticleField.SUMMARY, offset: 238, length: 6, text: 'Bartra', weight: 0.3 },
    ]);
    expect(texts(link(links, SubjectKind.ORGANISATION, 'fuerza-popular'))).toEqual([[ArticleField.SUMMARY, 36, 'Fujimorista']]);
    expect(texts(link(links, SubjectKind.ORGANISATION, 'congress'))).toEqual([[ArticleField.SUMMARY, 152, 'Congress']]);
    expect(slugs(links, SubjectKind.PERSON)).toEqual(['rosa-bartra']);
  });

  it('Fujimori: both presidents, Pativilca and human rights', () => {
    const links = run(NEWS.fujimori);
    expect(texts(link(links, SubjectKind.PERSON, 'alberto-fujimori'))).toEqual([
      [ArticleField.TITLE, 0, 'Fujimori'],
      [ArticleField.SUMMARY, 0, 'Alberto Fujimori'],
    ]);
    expect(link(links, SubjectKind.PERSON, 'alberto-fujimori').relevance).toBe(0.8);
    expect(slugs(links, SubjectKind.PERSON)).toEqual(['alberto-fujimori', 'pedro-pablo-kuczynski']);
    expect(slugs(links, SubjectKind.PLACE)).toEqual(['pativilca']);
    expect(texts(link(links, SubjectKind.TOPIC, 'human-rights'))).toEqual([[ArticleField.SUMMARY, 53, 'killings']]);
  });

  it('Fraser: the think tank, Vancouver, and Peru from "Peru\'s"', () => {
    const links = run(NEWS.fraser);
    expect(texts(link(links, SubjectKind.ORGANISATION, 'fraser-institute'))).toEqual([
      [ArticleField.TITLE, 13, 'Fraser Institute'],
      [ArticleField.SUMMARY, 149, 'Fraser Institute'],
    ]);
    expect(link(links, SubjectKind.PLACE, 'peru').evidence).toEqual([
      { field: ArticleField.TITLE, offset: 42, length: 4, text: 'Peru', weight: 0.5 },
      { field: ArticleField.SUMMARY, offset: 0, length: 4, text: 'Peru', weight: 0.3 },
    ]);
    expect(slugs(links, SubjectKind.PLACE)).toEqual(['peru', 'canada', 'vancouver']);
  });

  it('IACHR: one link to the Court from all three of its surface forms', () => {
    const links = run(NEWS.court);
    const court = link(links, SubjectKind.ORGANISATION, 'inter-american-court-of-human-rights');
    expect(court.evidence.map((e) => [e.field, e.offset, e.length, e.text])).toEqual([
      [ArticleField.TITLE, 0, 20, 'Inter American Court'],
      [ArticleField.SUMMARY, 4, 36, 'Inter-American Court on Human Rights'],
      [ArticleField.SUMMARY, 42, 5, 'IACHR'],
    ]);
    expect(slugs(links, SubjectKind.ORGANISATION)).toEqual(['inter-american-court-of-human-rights', 'constitutional-tribunal']);
  });

  it('Economic growth: INEI from both its acronym and "national statistics office"', () => {
    const inei = link(run(NEWS.growth), SubjectKind.ORGANISATION, 'inei');
    expect(texts(inei)).toEqual([
      [ArticleField.SUMMARY, 107, 'national statistics office'],
      [ArticleField.SUMMARY, 135, 'INEI'],
    ]);
    expect(inei.relevance).toBe(0.6);
  });

  it('MAAP: the project and the Amazon region', () => {
    const links = run(NEWS.maap);
    expect(link(links, SubjectKind.ORGANISATION, 'maap').relevance).toBe(1); // 0.5 + 3 × 0.3, capped
    expect(slugs(links, SubjectKind.PLACE)).toEqual(['peru', 'peruvian-amazon']);
  });

  it.each([
    ['heavyMetals', ['pollution', 'mining']],
    ['fraser', ['mining-investment', 'mining']],
    ['bartra', ['legislation', 'politics', 'social-protest']],
    ['fujimori', ['transitional-justice', 'justice-system', 'human-rights']],
    ['michiquillay', ['mining', 'mining-investment']],
    ['mercury', ['artisanal-mining', 'pollution', 'environment', 'mining']],
    ['tiaMaria', ['social-protest', 'mining']],
    ['growth', ['economy']],
    ['maap', ['deforestation']],
    ['court', ['justice-system', 'human-rights']],
  ] as [keyof typeof NEWS, string[]][])('%s is filed under the expected topics', (key, topics) => {
    expect(slugs(run(NEWS[key]), SubjectKind.TOPIC)).toEqual(topics);
  });
});

describe('weights and ordering', () => {
  it('doubles topic rule weights in the title, capped at 1', () => {
    const growth = link(run(NEWS.growth), SubjectKind.TOPIC, 'economy');
    expect(growth.evidence.map((e) => [e.field, e.text, e.weight])).toEqual([
      [ArticleField.TITLE, 'Economic', 1], // 0.5 × 2
      [ArticleField.SUMMARY, 'gross domestic product', 0.6],
      [ArticleField.SUMMARY, 'GDP', 0.6],
    ]);
    const mercury = link(run(NEWS.mercury), SubjectKind.TOPIC, 'pollution');
    expect(mercury.evidence[0]).toMatchObject({ field: ArticleField.TITLE, text: 'mercury', weight: 0.8 });
  });

  it('links a topic only when its evidence reaches the threshold', () => {
    // "President" (politics, 0.4) is the only politics evidence in the Fujimori item.
    expect(slugs(run(NEWS.fujimori), SubjectKind.TOPIC)).not.toContain('politics');
    expect(slugs(extract({ title: '', summary: 'The President and Congress met.', body: null }), SubjectKind.TOPIC)).toEqual(['politics']);
  });

  it('weighs entity evidence by field and sorts evidence by field, then offset', () => {
    const article: ArticleText = { title: 'Peru', summary: 'Peru and Perú', body: 'In Peru.' };
    expect(link(extract(article), SubjectKind.PLACE, 'peru').evidence.map((e) => [e.field, e.offset, e.weight])).toEqual([
      [ArticleField.TITLE, 0, 0.5],
      [ArticleField.SUMMARY, 0, 0.3],
      [ArticleField.SUMMARY, 9, 0.3],
      [ArticleField.BODY, 3, 0.2],
    ]);
    expect(link(extract({ title: '', summary: '', body: 'Lima, Lima.' }), SubjectKind.PLACE, 'lima').relevance).toBe(0.4);
  });

  it('sorts links by kind, then relevance, then slug', () => {
    const links = extract({ title: 'Cuajone protest', summary: 'Toquepala, Ilo and Cuajone mines; Grupo México.', body: null });
    expect(links.map((l) => `${l.kind}:${l.slug}:${l.relevance}`)).toEqual([
      'TOPIC:social-protest:1',
      'TOPIC:mining:0.5',
      'ORGANISATION:grupo-mexico:0.3',
      'PLACE:cuajone:0.8',
      'PLACE:ilo:0.3',
      'PLACE:toquepala:0.3',
    ]);
  });

  it('rounds sums to 3 decimals before comparing with the threshold', () => {
    const taxonomy = `topics:
  - { slug: t, name: T, description: D., threshold: 0.9, rules: [{ match: a, weight: 0.3 }, { match: b, weight: 0.6 }] }`;
    const tiny = createExtractor(parseCatalogue(taxonomy, 'people: []'));
    expect(0.3 + 0.6).toBeLessThan(0.9); // binary floats
    expect(tiny({ title: '', summary: 'a b', body: null })).toEqual([
      {
        kind: SubjectKind.TOPIC,
        slug: 't',
        relevance: 0.9,
        evidence: [
          { field: ArticleField.SUMMARY, offset: 0, length: 1, text: 'a', weight: 0.3 },
          { field: ArticleField.SUMMARY, offset: 2, length: 1, text: 'b', weight: 0.6 },
        ],
      },
    ]);
  });

  it('matches a capitalised form only where the text writes it with capitals', () => {
    const tiny = createExtractor(
      parseCatalogue('topics: []', 'organisations: [{ slug: migraciones, name: Superintendencia Nacional de Migraciones, kind: GOVERNMENT_BODY, capitalised: [Migraciones] }]'),
    );
    const slugs = (text: string) => tiny({ title: '', summary: text, body: null }).map((l) => l.slug);
    expect(slugs('Migraciones said that the border stays open.')).toEqual(['migraciones']);
    expect(slugs('MIGRACIONES CIERRA LA FRONTERA')).toEqual(['migraciones']);
    expect(slugs('Las migraciones internas crecieron.')).toEqual([]);
  });

  it('knows a person by first name and first surname, unless two people would share that form', () => {
    const people = `people:
  - { slug: francisco-pinedo, name: Francisco Pinedo Ramírez }
  - { slug: jorge-rios-perez, name: Jorge Ríos Pérez }
  - { slug: jorge-rios-soto, name: Jorge Ríos Soto }
  - { slug: ana-de-la-cruz, name: Ana de la Cruz }`;
    const tiny = createExtractor(parseCatalogue('topics: []', people));
    const slugs = (text: string) => tiny({ title: '', summary: text, body: null }).map((l) => l.slug);
    expect(slugs('Francisco Pinedo was killed in 2014.')).toEqual(['francisco-pinedo']);
    expect(slugs('Jorge Ríos was killed in 2014.')).toEqual([]);
    expect(slugs('Jorge Ríos Pérez was killed in 2014.')).toEqual(['jorge-rios-perez']);
    expect(slugs('Ana de la Cruz spoke; Ana de spoke.')).toEqual(['ana-de-la-cruz']);
  });
});
