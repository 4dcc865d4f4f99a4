import type { PageLanguage } from '../core/dates';

/**
 * The words the widget and the iframe page write around the news, in each language they write days
 * in, so a Spanish page gets a Spanish list throughout. Titles, topics and channel names come from
 * the API as they are; a problem with the element's attributes is said in English, to the developer.
 */
export interface EmbedWords {
  /** The widget's heading while the channel's title is not known. */
  latest: string;
  loading: string;
  empty: string;
  /** The label of an article's list of topics. */
  topics: string;
  /** The text of the link under the list. */
  feed(channelTitle: string): string;
  /** What the widget says before the reason when it cannot show the news. */
  failed: string;
  /** Reasons a reader may see: in plain words, the API's own messages going to the console. */
  noChannel(slug: string): string;
  unreachable: string;
  refused: string;
  /** The iframe page for a channel that does not exist: its heading, what it says, and the label of the list of channels. */
  unknownTitle: string;
  unknown(slug: string): string;
  lists: string;
}

export const EMBED_WORDS: Record<PageLanguage, EmbedWords> = {
  en: {
    latest: 'Latest news',
    loading: 'Loading the latest news…',
    empty: 'No articles yet.',
    topics: 'Topics',
    feed: (title) => `${title}: RSS feed`,
    failed: 'The news could not be loaded',
    noChannel: (slug) => `there is no channel "${slug}"`,
    unreachable: 'the news server could not be reached',
    refused: 'the news server turned the request down',
    unknownTitle: 'This news list does not exist',
    unknown: (slug) => `There is no news list called “${slug}”. These are the lists there are:`,
    lists: 'News lists',
  },
  es: {
    latest: 'Últimas noticias',
    loading: 'Cargando las últimas noticias…',
    empty: 'Aún no hay artículos.',
    topics: 'Temas',
    feed: (title) => `${title}: feed RSS`,
    failed: 'No se pudieron cargar las noticias',
    noChannel: (slug) => `no hay ningún canal "${slug}"`,
    unreachable: 'no se pudo contactar con el servidor de noticias',
    refused: 'el servidor de noticias rechazó la solicitud',
    unknownTitle: 'Esta lista de noticias no existe',
    unknown: (slug) => `No hay ninguna lista de noticias llamada «${slug}». Estas son las listas que hay:`,
    lists: 'Listas de noticias',
  },
};
