/**
 * How every page Quipu serves writes a day: the widget, the iframe page, the explorer, the article page and
 * the example page, in the server and in the browser alike. One format per language, the day in full:
 * "11 March 2018" in English, "11 de marzo de 2018" in Spanish. Days are calendar days (`YYYY-MM-DD`, as
 * the API gives `publishedAt`), so they are read and written in UTC and never shift with the reader's zone.
 */

/** The languages pages are written in; any other asks for English. */
export type PageLanguage = 'en' | 'es';

const FORMATS: Record<PageLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const MONTH_FORMATS: Record<PageLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** `language` as a page language: its primary subtag when Quipu writes it (`es-PE` is `es`), else `en`. */
export function pageLanguage(language: string | null | undefined): PageLanguage {
  const primary = (language ?? '').toLowerCase().split('-')[0];
  return primary === 'es' ? 'es' : 'en';
}

/** A calendar day (`2018-03-11`) as a reader of `language` reads it: "11 March 2018", "11 de marzo de 2018". */
export function formatDay(day: string, language?: string | null): string {
  return FORMATS[pageLanguage(language)].format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** A month (`2018-03`, as the month facet gives it) as a reader of `language` reads it: "March 2018", "marzo de 2018". */
export function formatMonth(month: string, language?: string | null): string {
  return MONTH_FORMATS[pageLanguage(language)].format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}
