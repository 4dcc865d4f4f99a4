import { ArticleKind } from '../article/article-kind';
import { slugify } from './slug';

/**
 * Parse stage of the ingest pipeline: bytes of a scraped news file -> records.
 *
 * The format (see seeds/000_*.txt): each item starts with a header line `• Title` indented by fewer
 * than 4 spaces. Its content follows, indented by 4 or more: an optional date line right after the
 * title (`11 March 2018`), then paragraphs separated by blank lines. A `•` indented by 4 or more is
 * a nested bullet and belongs to the content. Nothing here throws on bad input: problems are
 * collected as errors with file and line so that one run reports everything wrong with a file.
 */

export interface ParsedItem {
  kind: ArticleKind; // NEWS if the item has a date line, else PAGE
  slug: string; // PAGE: slugify(title); NEWS: `${publishedAt}-${slugify(title)}`; unique within a file
  title: string; // as published, trimmed; inner text unchanged
  publishedAt: string | null; // 'YYYY-MM-DD' for NEWS, null for PAGE
  summary: string; // first paragraph of the content (after the date line, if any)
  body: string | null; // remaining paragraphs joined by "\n\n", or null if there is only one
  file: string; // the file name as given by the caller
  line: number; // 1-based line of the item's bullet
}

export interface ParseError {
  file: string;
  line: number;
  message: string;
}
export interface ParseResult {
  items: ParsedItem[];
  errors: ParseError[];
}
export type DecodeResult = { text: string; error?: undefined } | { text?: undefined; error: ParseError };

const BULLET = '•';
/** Lines indented by at least this many columns are content; less, and a `•` starts a new item. */
const CONTENT_INDENT = 4;

/** Strict decoding: UTF-8 only (a UTF-8 BOM is allowed and dropped). Never throws. */
export function decodeNewsFile(bytes: Uint8Array, file: string): DecodeResult {
  const fail = (offset: number, message: string) => ({ error: { file, line: lineAt(bytes, offset), message } });
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom) {
    return fail(0, 'file starts with a UTF-16 byte order mark; UTF-16 is not supported, save the file as UTF-8');
  }
  // NUL is valid UTF-8, so the decoder would accept it; in a text file it means binary content.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(nul, `NUL byte at byte offset ${nul}: this looks like a binary file; only UTF-8 text is accepted`);
  }
  try {
    // The default (ignoreBOM: false) drops a leading UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // The decoder does not say where it failed, so find the first bad sequence ourselves.
    const offset = firstInvalidUtf8(bytes);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const advice = 're-save it as UTF-8 if it was written as Latin-1 or Windows-1252';
    return fail(offset, `invalid UTF-8 at byte offset ${offset} (byte 0x${byte}); the file must be UTF-8 (${advice})`);
  }
}

/** Decodes then parses; a decoding error is returned as the only error, with no items. */
export function parseNewsFile(bytes: Uint8Array, file: string): ParseResult {
  const decoded = decodeNewsFile(bytes, file);
  if (decoded.error) return { items: [], errors: [decoded.error] };
  return parseNewsText(decoded.text, file);
}

/** One non-blank line: its 1-based number, indentation width and text without surrounding whitespace. */
interface Line {
  no: number;
  indent: number;
  text: string;
}

/** An item's header line and the lines that follow it up to the next header (null = blank line). */
interface Block {
  header: Line;
  lines: (Line | null)[];
}

type ReportError = (line: number, message: string) => void;

/**
 * Parses decoded text into items. CRLF and CR line endings are treated as LF. Items that parse
 * are returned even when other items have errors; the caller decides what to do with errors.
 */
export function parseNewsText(text: string, file: string): ParseResult {
  const errors: ParseError[] = [];
  const report: ReportError = (line, message) => errors.push({ file, line, message });
  const rawLines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (rawLines.every((raw) => raw.trim() === '')) {
    report(1, `file is empty (or only whitespace); expected at least one item starting with ${BULLET} and its title`);
    return { items: [], errors };
  }

  const blocks: Block[] = [];
  let current: Block | undefined;
  let textBeforeFirstItem = false;
  rawLines.forEach((raw, index) => {
    if (raw.trim() === '') {
      current?.lines.push(null);
      return;
    }
    const line: Line = { no: index + 1, indent: indentWidth(raw), text: raw.trim() };
    if (line.indent < CONTENT_INDENT && line.text.startsWith(BULLET)) {
      current = { header: line, lines: [] };
      blocks.push(current);
    } else if (!current) {
      // Reported once: a file with no bullets at all should give one error, not one per line.
      const found = `found text before the first item: ${excerpt(line.text)}`;
      if (!textBeforeFirstItem) report(line.no, `expected an item starting with ${BULLET} and its title, but ${found}`);
      textBeforeFirstItem = true;
    } else if (line.indent < CONTENT_INDENT) {
      const expected = `content indented by at least ${CONTENT_INDENT} spaces or a new item starting with ${BULLET}`;
      report(line.no, `expected ${expected}, but found text indented by ${line.indent}: ${excerpt(line.text)}`);
    } else {
      current.lines.push(line);
    }
  });

  const items: ParsedItem[] = [];
  const slugLines = new Map<string, number>();
  for (const block of blocks) {
    const item = parseItem(block, file, report);
    if (!item) continue;
    const first = slugLines.get(item.slug);
    if (first === undefined) {
      slugLines.set(item.slug, item.line);
      items.push(item);
    } else {
      const rule = 'titles (with dates, for news) must give each item a unique slug within a file';
      report(item.line, `duplicate slug "${item.slug}": the item at line ${first} has the same slug; ${rule}`);
    }
  }
  // Layout errors are found in a first pass and item errors in a second; report them in file order.
  return { items, errors: errors.sort((a, b) => a.line - b.line) };
}

/** Builds one item from its block, or reports why it cannot and returns undefined. */
function parseItem(block: Block, file: string, report: ReportError): ParsedItem | undefined {
  const { header } = block;
  const title = header.text.slice(BULLET.length).trim();
  if (title === '') {
    report(header.no, `item has no title: write the title on the same line, after ${BULLET} and a space`);
    return undefined;
  }
  const paragraphs = toParagraphs(block.lines);

  // Only the first content line can be the date; a date-like line anywhere else is just text.
  const firstLine = paragraphs[0]?.[0];
  const date = firstLine && readDate(firstLine.text);
  if (firstLine && date && 'error' in date) {
    report(firstLine.no, date.error);
    return undefined;
  }
  const publishedAt = date && 'iso' in date ? date.iso : null;
  if (publishedAt) {
    paragraphs[0].shift();
    if (paragraphs[0].length === 0) paragraphs.shift();
  }

  if (paragraphs.length === 0) {
    const expected = `a summary paragraph indented by 4 spaces after the ${publishedAt ? 'date' : 'title'}`;
    report(header.no, `item "${title}" has no content: expected ${expected}`);
    return undefined;
  }
  const titleSlug = slugify(title);
  if (titleSlug === '') {
    report(header.no, `title "${title}" has no letters or digits to make a slug from`);
    return undefined;
  }
  const [summary, ...rest] = paragraphs.map((lines) => lines.map((line) => line.text).join('\n'));
  return {
    kind: publishedAt ? ArticleKind.NEWS : ArticleKind.PAGE,
    slug: publishedAt ? `${publishedAt}-${titleSlug}` : titleSlug,
    title,
    publishedAt,
    summary,
    body: rest.length > 0 ? rest.join('\n\n') : null,
    file,
    line: header.no,
  };
}

/** Splits content lines into paragraphs at blank lines. */
function toParagraphs(lines: (Line | null)[]): Line[][] {
  const paragraphs: Line[][] = [];
  let open: Line[] | undefined;
  for (const line of lines) {
    if (line === null) open = undefined;
    else if (open) open.push(line);
    else {
      open = [line];
      paragraphs.push(open);
    }
  }
  return paragraphs;
}

const MONTH_NAMES = 'January February March April May June July August September October November December'.split(' ');

/** Month number (1..12) of a full English month name or its 3-letter abbreviation, any case; else 0. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const matches = (month: string) => month.toLowerCase() === lower || month.slice(0, 3).toLowerCase() === lower;
  return MONTH_NAMES.findIndex(matches) + 1;
}

const DATE_LINE = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u;

/**
 * Reads a trimmed line as a date like "11 March 2018". Returns undefined when the line is not
 * date-shaped (so it is ordinary text), or an error when it is date-shaped but not a real date.
 */
function readDate(text: string): { iso: string } | { error: string } | undefined {
  const match = DATE_LINE.exec(text);
  if (!match) return undefined;
  const [, dayText, monthText, yearText] = match;
  const month = monthNumber(monthText);
  if (month === 0) {
    const allowed = 'use an English month name such as "March" or a 3-letter abbreviation such as "Mar"';
    return { error: `"${text}" is not a date: unknown month "${monthText}"; ${allowed}` };
  }
  const [day, days] = [Number(dayText), daysInMonth(Number(yearText), month)];
  if (day < 1 || day > days) {
    const monthYear = `${MONTH_NAMES[month - 1]} ${yearText}`;
    return { error: `"${text}" is not a real date: ${monthYear} has ${days} days, so the day must be 1 to ${days}` };
  }
  return { iso: `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** Days in a month of the proleptic Gregorian calendar (month 1..12). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Width of the leading whitespace, counting a tab as 4 so tab-indented content still counts as content. */
function indentWidth(raw: string): number {
  return (/^\s*/.exec(raw)?.[0] ?? '').replace(/\t/g, '    ').length;
}

/** A short quoted excerpt of a line for error messages. */
function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** 1-based line of a byte offset, counting LF, CRLF and lone CR as parseNewsText does. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence. Feeds the bytes one at a time to
 * a streaming fatal decoder (so the rules are exactly TextDecoder's) and remembers where the
 * current character began; a decoder returns '' while a multi-byte character is incomplete.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // ignoreBOM: keep the BOM as a character so the offsets after it are tracked too.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    try {
      if (decoder.decode(bytes.subarray(i, i + 1), { stream: true }) !== '') start = i + 1;
    } catch {
      return start;
    }
  }
  return start; // the file ends inside a multi-byte character
}
