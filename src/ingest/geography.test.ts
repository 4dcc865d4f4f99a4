import { join } from 'node:path';
import { SubjectKind } from '../article/mention-kinds';
import { readCatalogue } from './catalogue';
import { createExtractor } from './extract';
import { GeographyError, loadGeography, parseGeography } from './geography';

const CSV = `ubigeo,level,department,province,district,capital,iso_3166_2,latitude,longitude,altitude_m
080000,department,CUSCO,,,Cusco,PE-CUS,-13.51917,-71.97667,3399
080100,province,CUSCO,CUSCO,,Cusco,PE-CUS,-13.51917,-71.97667,3399
080101,district,CUSCO,CUSCO,CUSCO,Cusco,PE-CUS,-13.51917,-71.97667,3399
080800,province,CUSCO,ESPINAR,,Yauri,PE-CUS,-14.79306,-71.41333,3927
080801,district,CUSCO,ESPINAR,ESPINAR,Yauri,PE-CUS,-14.79306,-71.41333,3927
080802,district,CUSCO,ESPINAR,SANTA ROSA,Santa Rosa,PE-CUS,-14.6,-71.3,3900
130000,department,LA LIBERTAD,,,Trujillo,PE-LAL,-8.11,-79.03,34
130100,province,LA LIBERTAD,TRUJILLO,,Trujillo,PE-LAL,-8.11,-79.03,34
130101,district,LA LIBERTAD,TRUJILLO,SANTA ROSA,Santa Rosa,PE-LAL,-8.2,-79.0,30
130102,district,LA LIBERTAD,TRUJILLO,HUANCHACO,Huanchaco,PE-LAL,-8.08,-79.12,5
NA,district,LA LIBERTAD,TRUJILLO,NUEVO DISTRITO,NA,PE-LAL,,,NA
`;
const NAMES = `
words:
  CUSCO: Cusco
names:
  "130102": Huanchaco
aliases:
  "080000": [Cuzco]
`;

describe('parseGeography', () => {
  const places = parseGeography(CSV, NAMES);
  const bySlug = new Map(places.map((p) => [p.slug, p]));

  it('gives every unit a stable slug, its written name, its parent and its ubigeo', () => {
    expect(places.map((p) => [p.slug, p.name, p.kind, p.parentUbigeo])).toEqual([
      ['cusco', 'Cusco', 'REGION', null],
      ['cusco-province', 'Cusco Province', 'PROVINCE', '080000'],
      ['cusco-district', 'Cusco District', 'DISTRICT', '080100'],
      ['espinar', 'Espinar', 'PROVINCE', '080000'],
      ['espinar-district', 'Espinar District', 'DISTRICT', '080800'],
      ['santa-rosa-espinar', 'Santa Rosa', 'DISTRICT', '080800'],
      ['la-libertad', 'La Libertad', 'REGION', null],
      ['trujillo', 'Trujillo', 'PROVINCE', '130000'],
      ['santa-rosa-trujillo', 'Santa Rosa', 'DISTRICT', '130100'],
      ['huanchaco', 'Huanchaco', 'DISTRICT', '130100'],
      ['nuevo-distrito', 'Nuevo Distrito', 'DISTRICT', '130100'],
    ]);
    // The table knows neither its code nor its capital: it takes its province's coordinates.
    expect(bySlug.get('nuevo-distrito')).toMatchObject({ ubigeo: null, latitude: -8.11, longitude: -79.03 });
  });

  it('lets region and province names link alone, and district names only with support', () => {
    const forms = (slug: string) => bySlug.get(slug)!.forms.map((f) => `${f.text}${f.needsSupport ? ' (support)' : ''}`);
    expect(forms('cusco')).toEqual(['Cusco', 'Región Cusco', 'Cusco Region', 'Departamento de Cusco', 'Department of Cusco', 'Cuzco']);
    expect(forms('cusco-province')).toEqual(['Provincia de Cusco', 'Cusco Province', 'Province of Cusco']);
    expect(forms('espinar-district')).toEqual(['Distrito de Espinar', 'Espinar District', 'District of Espinar', 'Yauri (support)']);
    expect(forms('santa-rosa-espinar')).toEqual(['Santa Rosa (support)', 'Distrito de Santa Rosa (support)', 'Santa Rosa District (support)', 'District of Santa Rosa (support)']);
    expect(bySlug.get('cusco')!.aliases).toEqual(['Cuzco']);
  });

  it('names the file and row of a bad table, and refuses a written form that is another word', () => {
    expect(() => parseGeography(CSV.replace('080802', '0808X2'), NAMES)).toThrow(/peru-ubigeo\.csv: row 7: ubigeo "0808X2" is not six digits/);
    expect(() => parseGeography(CSV, 'words:\n  CUSCO: Cuzco\n')).toThrow(GeographyError);
  });

  it('reads the shipped table whole: 25 regions, 196 provinces, 1,893 districts', () => {
    const all = loadGeography(join(__dirname, '../../seeds/reference'));
    const count = (kind: string) => all.filter((p) => p.kind === kind).length;
    expect([count('REGION'), count('PROVINCE'), count('DISTRICT')]).toEqual([25, 196, 1893]);
    expect(new Set(all.map((p) => p.slug)).size).toBe(all.length);
  });
});

describe('extraction with the reference geography', () => {
  const catalogue = readCatalogue({
    taxonomy: { file: 'taxonomy.yaml', text: 'topics: []' },
    gazetteers: [
      {
        file: 'gazetteer.yaml',
        text: `
organisations:
  - { slug: mining-co, name: Mining Co, kind: COMPANY, country: PE }
places:
  - { slug: peru, name: Peru, kind: COUNTRY, latitude: -9.19, longitude: -75.02 }
  - { slug: huanchaco-mine, name: Huanchaco Mine, kind: MINE_SITE, parent: "130102", operator: mining-co, latitude: -8.1, longitude: -79.1 }
`,
      },
    ],
    geography: parseGeography(CSV, NAMES),
  });
  const extract = createExtractor(catalogue);
  const places = (body: string) =>
    extract({ title: '', summary: '', body })
      .filter((l) => l.kind === SubjectKind.PLACE)
      .map((l) => `${l.slug}${l.evidence.some((e) => e.supportedBy) ? ` by ${l.evidence.find((e) => e.supportedBy)!.supportedBy}` : ''}`);

  it('links a shared district name to the one district in a region or province the article names', () => {
    expect(places('Protests in Santa Rosa, in the province of Espinar.')).toEqual(['espinar', 'santa-rosa-espinar by espinar']);
    expect(places('Santa Rosa, La Libertad.')).toEqual(['la-libertad', 'santa-rosa-trujillo by la-libertad']);
  });

  it('links nothing for a shared name without support, or with support for two of its districts', () => {
    expect(places('A festival in Santa Rosa.')).toEqual([]);
    expect(places('Santa Rosa, between Espinar and La Libertad.')).toEqual(['espinar', 'la-libertad']);
  });

  it('takes a mine site in a district as support for it, and the capital town as the district', () => {
    expect(places('Farmers of Huanchaco met at the Huanchaco Mine.')).toEqual(['huanchaco by huanchaco-mine', 'huanchaco-mine']);
    expect(places('A strike in Yauri, Cusco.')).toEqual(['cusco', 'espinar-district by cusco']);
  });

  it('matches generated names only where they are written with capitals', () => {
    expect(places('Freedom of the press (la libertad de prensa) is at risk.')).toEqual([]);
    expect(places('Floods in La Libertad and the Región Cusco.')).toEqual(['cusco', 'la-libertad']);
    expect(places('Floods in the región Cusco.')).toEqual(['cusco']);
  });

  it('keeps the operator of a mine site', () => {
    expect(catalogue.places.find((p) => p.slug === 'huanchaco-mine')).toMatchObject({ operator: 'mining-co', parent: 'huanchaco' });
  });
});
