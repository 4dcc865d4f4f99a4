import { ArticleField } from '../article/mention-kinds';
import { parseCatalogue } from './catalogue';
import { createExtractor } from './extract';

const extract = createExtractor(
  parseCatalogue(
    'topics: []',
    'places: [{ slug: celendin, name: Celendín, kind: PROVINCE, latitude: -6.87, longitude: -78.15 }]\norganisations: [{ slug: oefa, name: OEFA, kind: GOVERNMENT_BODY }]',
  ),
);
const suggest = (body: string, title = '') => extract.withSuggestions({ title, summary: '', body }).suggestions.map((s) => `${s.kind} ${s.text} (${s.reason})`);

describe('entity suggestions (suggest.ts)', () => {
  it('reads names with their kind and reason, and leaves out what the catalogue matched', () => {
    expect(suggest('The OEFA and the Ministerio de Cultura met leaders of the comunidad de Chila Chambilla in March.')).toEqual([
      'ORGANISATION Ministerio de Cultura (contains "Ministerio")',
      'PLACE Chila Chambilla (after "comunidad de")',
    ]);
    expect(suggest('Minister Rosa Gutiérrez Palomino resigned; RWE appealed.')).toEqual(['PERSON Rosa Gutiérrez Palomino (after "Minister")', 'ORGANISATION RWE (an acronym)']);
    expect(suggest('La Federación de Rondas de Celendín marchó.')).toEqual(['ORGANISATION Federación de Rondas de Celendín (contains "Federación")']);
  });

  it('suggests nothing for a capitalised word alone, a keyword alone, a month, an everyday acronym, or a headline', () => {
    expect(suggest('Farmers met in April. The Ministry said the US and the NGO agreed. Protests grew.')).toEqual([]);
    expect(suggest('', 'Ministerio de Cultura Visits Chila Chambilla')).toEqual([]);
  });

  it('splits two names joined by "and", and stops at punctuation', () => {
    expect(suggest('They were killed at Barrios Altos and La Cantuta, said Juan Pérez.')).toEqual([
      'PLACE Barrios Altos (after "at")',
      'PERSON Juan Pérez (starts with the given name "Juan")',
    ]);
  });

  it('keeps where each name is, in its field', () => {
    const [first] = extract.withSuggestions({ title: '', summary: 'Judge Hugo Núñez Julca ruled.', body: null }).suggestions;
    expect(first).toMatchObject({ field: ArticleField.SUMMARY, offset: 6, length: 16, text: 'Hugo Núñez Julca' });
  });
});
