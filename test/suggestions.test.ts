import { SuggestionsDocument } from './generated/graphql';
import { startServer, type TestServer } from './support/server';

const NEWS = `  • Campesinos de Tragadero Grande denuncian incursiones

    05 May 2017

    Los campesinos de Tragadero Grande denunciaron nuevas incursiones. La Federación de Rondas de Celendín y el dirigente Eusebio Quiroz Ortiz pidieron garantías.

  • Rondas de Celendín marchan otra vez

    12 May 2017

    La Federación de Rondas de Celendín marchó en Tragadero Grande. El alcalde Manuel Tirado Vega se sumó a la protesta, con la ONG Grupo Zeta Andino.
`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ news: NEWS });
});
afterAll(() => server.close());

describe('entity suggestions', () => {
  it('names what the catalogue lacks, with a guessed kind and its reason, the most used first', async () => {
    const { entitySuggestions } = await server.query(SuggestionsDocument, {});
    expect(entitySuggestions.nodes.map((s) => [s.text, s.kind, s.reason, s.articleCount])).toEqual([
      ['Federación de Rondas de Celendín', 'ORGANISATION', 'contains "Federación"', 2],
      ['Eusebio Quiroz Ortiz', 'PERSON', 'after "dirigente"', 1],
      ['Grupo Zeta Andino', 'ORGANISATION', 'contains "Grupo"', 1],
      ['Manuel Tirado Vega', 'PERSON', 'after "alcalde"', 1],
      // "campesinos de Tragadero Grande" says too little; "en Tragadero Grande" says a place.
      ['Tragadero Grande', 'PLACE', 'after "en"', 1],
    ]);
    expect(entitySuggestions.totalCount).toBe(5);
    const [federation] = entitySuggestions.nodes;
    expect(federation.occurrences.map((o) => [o.article.slug, o.evidence.field, o.evidence.text])).toEqual([
      ['2017-05-12-rondas-de-celendin-marchan-otra-vez', 'SUMMARY', 'Federación de Rondas de Celendín'],
      ['2017-05-05-campesinos-de-tragadero-grande-denuncian-incursiones', 'SUMMARY', 'Federación de Rondas de Celendín'],
    ]);
    const summary = NEWS.split('\n')[4].trim();
    const { offset, length } = federation.occurrences[1].evidence;
    expect(summary.slice(offset, offset + length)).toBe('Federación de Rondas de Celendín');
  });

  it('filters by kind and by the articles that use a name, and pages by cursor', async () => {
    const people = await server.query(SuggestionsDocument, { kind: 'PERSON' });
    expect(people.entitySuggestions.nodes.map((s) => s.text)).toEqual(['Eusebio Quiroz Ortiz', 'Manuel Tirado Vega']);
    const common = await server.query(SuggestionsDocument, { minArticles: 2 });
    expect(common.entitySuggestions.nodes.map((s) => s.text)).toEqual(['Federación de Rondas de Celendín']);
    const first = await server.query(SuggestionsDocument, { first: 2 });
    expect(first.entitySuggestions.pageInfo.hasNextPage).toBe(true);
    const next = await server.query(SuggestionsDocument, { first: 10, after: first.entitySuggestions.pageInfo.endCursor });
    expect(next.entitySuggestions.nodes.map((s) => s.text)).toEqual(['Grupo Zeta Andino', 'Manuel Tirado Vega', 'Tragadero Grande']);
    expect(next.entitySuggestions.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses topics and out-of-range arguments with a clear error', async () => {
    const post = async (query: string) =>
      (await (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as {
        errors: { message: string; extensions: { code: string } }[];
      };
    const topic = await post('{ entitySuggestions(kind: TOPIC) { totalCount } }');
    expect(topic.errors[0]).toMatchObject({ message: 'kind must be ORGANISATION, PLACE or PERSON: topics are not suggested', extensions: { code: 'BAD_USER_INPUT' } });
    const min = await post('{ entitySuggestions(minArticles: 0) { totalCount } }');
    expect(min.errors[0].message).toBe('minArticles must be between 1 and 1000000, got 0');
  });
});
