import { parse } from 'csv-parse';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Parses CSV text with a header row into objects keyed by column, every value a string. */
export function parseCsv(text: string): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => parse(text, { columns: true, bom: true }, (error, records: Record<string, string>[]) => (error ? reject(error) : resolve(records))));
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

/** Elements that repeat in GEXF and GraphML, kept as arrays even when there is one. */
const REPEATED = new Set(['node', 'edge', 'attvalue', 'data', 'key', 'attribute', 'attributes']);

/**
 * Checks that text is well-formed XML, then parses it with attributes as plain properties (no
 * prefix), every value a string, and entities decoded.
 */
export function parseXml(text: string): Record<string, any> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // Numeric character references (&#10;) are XML, not only HTML: decode them as any XML parser does.
    htmlEntities: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
  });
  return parser.parse(text) as Record<string, any>;
}
