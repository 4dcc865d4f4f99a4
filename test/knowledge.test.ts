import { ArticleLinksDocument, ArticleListDocument, PlaceByUbigeoDocument } from './generated/graphql';
import { startServer, type TestServer } from './support/server';

/** Two items of news the seed never saw, one in each language, about places, companies and people outside it. */
const NEWS = `  • Comuneros bloquean el corredor minero en Challhuahuacho

    15 March 2023

    Comuneros de la provincia de Cotabambas, en Apurímac, bloquearon por tercera semana la vía de acceso a la mina Las Bambas, operada por la china MMG. La Defensoría del Pueblo pidió a las partes retomar el diálogo. Las familias denuncian contaminación minera.

  • Farmers in Santa Rosa, Jaén, demand water

    02 February 2022

    Rice farmers in Santa Rosa, in the province of Jaén, marched to demand water from the regional government. Elsewhere, in Santa Rosa, a festival went ahead.
`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ news: NEWS });
});
afterAll(() => server.close());

const slugOf = (kind: string) => (m: { kind: string; subject: { slug?: string } }) => (m.kind === kind ? [m.subject.slug] : []);

describe('the reference catalogue of Peru', () => {
  it('links unseen Spanish news to its district, with the province that supports the shared name, and to its company and state body', async () => {
    const { article } = await server.query(ArticleLinksDocument, { slug: '2023-03-15-comuneros-bloquean-el-corredor-minero-en-challhuahuacho' });
    expect(article!.language).toBe('es');
    const mentions = article!.mentions;
    expect(mentions.flatMap(slugOf('PLACE')).sort()).toEqual(['apurimac', 'challhuahuacho', 'cotabambas', 'las-bambas']);
    expect(mentions.flatMap(slugOf('ORGANISATION')).sort()).toEqual(['defensoria-del-pueblo', 'mmg']);
    const district = mentions.find((m) => m.subject.slug === 'challhuahuacho')!;
    // The district's name is not unique enough to link alone: the province named beside it decided.
    expect(district.evidence).toEqual([{ text: 'Challhuahuacho', supportedBy: 'cotabambas' }]);
  });

  it('rolls a district and a mine site up to their region', async () => {
    const list = async (place: string) => (await server.query(ArticleListDocument, { filter: { places: { any: [place] } }, first: 10 })).articles.edges.map((e) => e.node.slug);
    expect(await list('apurimac')).toEqual(['2023-03-15-comuneros-bloquean-el-corredor-minero-en-challhuahuacho']);
    expect(await list('cajamarca')).toEqual(['2022-02-02-farmers-in-santa-rosa-jaen-demand-water']);
  });

  it('tells the Santa Rosa of Jaén from the other ten, and links a bare shared name to nothing', async () => {
    const { article } = await server.query(ArticleLinksDocument, { slug: '2022-02-02-farmers-in-santa-rosa-jaen-demand-water' });
    expect(article!.language).toBe('en');
    const santaRosa = article!.mentions.find((m) => m.subject.slug === 'santa-rosa-jaen')!;
    // Both mentions are the same words; the province named in the first sentence supports them both.
    expect(santaRosa.evidence).toEqual([
      { text: 'Santa Rosa', supportedBy: 'jaen' },
      { text: 'Santa Rosa', supportedBy: 'jaen' },
      { text: 'Santa Rosa', supportedBy: 'jaen' },
    ]);
    expect(article!.mentions.flatMap(slugOf('PLACE')).filter((s) => s?.startsWith('santa-rosa'))).toEqual(['santa-rosa-jaen']);
  });

  it('keeps the ubigeo code, the hierarchy and a mine site’s operator on the place', async () => {
    expect((await server.query(PlaceByUbigeoDocument, { slug: 'challhuahuacho' })).place).toEqual({
      slug: 'challhuahuacho',
      name: 'Challhuahuacho',
      kind: 'DISTRICT',
      ubigeo: '030506',
      description: null,
      operator: null,
      parent: { slug: 'cotabambas', kind: 'PROVINCE', ubigeo: '030500' },
    });
    const mine = (await server.query(PlaceByUbigeoDocument, { slug: 'las-bambas' })).place!;
    expect(mine).toMatchObject({ kind: 'MINE_SITE', ubigeo: null, operator: { slug: 'minera-las-bambas' }, parent: { slug: 'challhuahuacho' } });
    expect(mine.description).toMatch(/copper/);
  });

  it('finds Spanish articles by other inflections of a word, with or without its accents', async () => {
    const found = async (search: string) => (await server.query(ArticleListDocument, { search, first: 10 })).articles.edges.map((e) => e.node.slug);
    const bambas = '2023-03-15-comuneros-bloquean-el-corredor-minero-en-challhuahuacho';
    // The article says "minera" and "contaminación"; nobody needs to guess which form it used.
    expect(await found('mineros')).toEqual([bambas]);
    expect(await found('contaminacion')).toEqual([bambas]);
    expect(await found('contaminado')).toEqual([bambas]);
    // A phrase or a prefix is searched as written.
    expect(await found('"mineros"')).toEqual([]);
    expect(await found('mineras -contaminadas')).toEqual([]);
  });
});
