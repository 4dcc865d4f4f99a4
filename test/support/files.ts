import { parse } from 'csv-parse';

/** Parses CSV text with a header row into objects keyed by column, every value a string. */
export function parseCsv(text: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) =>
    parse(text, { columns: true, bom: true }, (error, records: Record<string, string>[]) => (error ? reject(error) : resolve(records))),
  );
}

/** Parses newline-delimited JSON: one value a line, the last line ended too. */
export function parseNdjson<T>(text: string): T[] {
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}
