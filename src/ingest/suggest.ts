/**
 * Discovery of what the catalogue lacks: names in an article's summary and body that no entry
 * matched become entity suggestions, each with a guessed kind and the reason for the guess, for
 * editors to accept or reject (Query.entitySuggestions).
 *
 * A name is a run of capitalised words ("Alto Tamaya", "Consejo de Minería", joined by de, del,
 * la, of, the..., not by "and", which joins two names) or an acronym ("RWE"); months, days and
 * everyday acronyms (US, GDP, NGO) are none. Its kind is guessed from what is in it or just before it:
 *   ORGANISATION  a word such as Ministerio, Company, Federación, Court (or the run is an acronym)
 *   PLACE         a word such as Río, Lake, Comunidad, Valle, or "in"/"en", "comunidad de" just before it
 *   PERSON        a title just before it (minister, leader, alcalde...) or a common given name first
 * A name with none of these is not suggested: a capitalised word alone says too little, and so
 * does a keyword alone ("the Ministry"). Titles are not read: headlines capitalise every word.
 */
import { ArticleField, SubjectKind } from '../article/mention-kinds';
import type { Token } from './matcher';

export type SuggestionKind = SubjectKind.ORGANISATION | SubjectKind.PLACE | SubjectKind.PERSON;

/** One name in one article that no catalogue entry matched. */
export interface Suggestion {
  /** The name as published. */
  text: string;
  kind: SuggestionKind;
  /** Why that kind: `contains "Ministerio"`, `after "minister"`, `an acronym`... */
  reason: string;
  field: ArticleField;
  offset: number;
  length: number;
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));
/** Joining words inside a name; never at its ends. */
const CONNECTORS = words('de del la las los of the for el da do dos');
/** The connectors after which a known place may end a longer name. */
const OF = words('de del of da do dos');
/** Capitalised words that start a sentence or a name without being one. */
const LEADING = words('the a an in on at of for and but el la los las un una en de y por con para al del this that these those its it he she they we ong ngo');
const ORGANISATION_WORDS = words(`ministerio ministry company compania corporation corp group grupo federacion federation asociacion association frente front
  comite committee consejo council instituto institute universidad university bank banco union sindicato confederacion red network court tribunal juzgado
  fiscalia agency agencia foundation fundacion party partido movimiento movement comision commission organisation organization organizacion oficina office
  authority autoridad superintendencia direccion programa programme program cooperativa cooperative minera mining energy petroleum petroleo sac saa srl inc ltd
  ltda plc ngo ong secretaria secretariat observatorio observatory centro center centre colectivo collective coordinadora alianza alliance camara chamber`);
const PLACE_WORDS = words(`rio river lago lake laguna lagoon valle valley comunidad community cerro mount mountain bahia bay isla island reserva reserve parque park
  cuenca basin quebrada caserio anexo sector barrio village aldea puerto port playa beach nevado glacier glaciar volcan volcano cordillera carretera highway`);
const PLACE_BEFORE = words('in en at near cerca desde from hacia toward towards');
/** Settlements named as "comunidad de X", "community of X": X is a place. */
const SETTLEMENTS = words('comunidad comunidades community communities pueblo localidad caserio anexo centro poblado poblados town village distrito district');
const PERSON_BEFORE = words(`president presidente presidenta minister ministro ministra mr mrs ms dr leader lider dirigente dirigenta alcalde alcaldesa mayor governor
  gobernador gobernadora judge juez jueza prosecutor fiscal congresista congressman congresswoman activist activista lawyer abogado abogada senor senora sr sra
  don dona general coronel colonel bishop obispo monsenor father padre comunero comunera defensor defensora farmer agricultor agricultora director directora`);
/** Common given names of Peru's news, folded: a run that starts with one is a person's name. */
const GIVEN_NAMES = words(`jose juan luis carlos jorge pedro miguel manuel jesus antonio francisco javier victor cesar alberto fernando ricardo eduardo raul
  mario roberto hugo julio oscar walter segundo santiago daniel david alejandro andres rafael martin alan pablo ruben edwin wilfredo vladimir gregorio
  maria ana rosa carmen julia luz elena patricia gloria silvia teresa isabel juana martha marta susana lucia maxima ruth nadine dina keiko mercedes
  john james michael robert william richard thomas mark paul peter george`);

const ACRONYM = /^[A-ZÁÉÍÓÚÑ]{2,8}$/;
/** Capitalised words that are no name: months and days, and acronyms of everyday use. */
const NOT_NAMES = words(`january february march april may june july august september october november december enero febrero marzo abril mayo junio
  julio agosto septiembre setiembre octubre noviembre diciembre monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves
  viernes sabado domingo us uk eu un gdp pbi ngo ong covid ceo tv usd pen ii iii iv`);

/** Whether the token is written with a capital first letter. */
const capital = (text: string, t: Token) => {
  const c = text.charAt(t.start);
  return c !== c.toLowerCase();
};

/**
 * The suggestions of one field: `tokens` are its tokens (matcher.ts), `matched` the spans the
 * catalogue matched there (entities and ignore phrases), which are never suggested.
 */
export function suggestNames(field: ArticleField, text: string, tokens: readonly Token[], matched: readonly { start: number; end: number }[]): Suggestion[] {
  if (field === ArticleField.TITLE) return [];
  const out: Suggestion[] = [];
  const inMatch = (t: Token) => matched.some((m) => t.start >= m.start && t.start < m.end);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!capital(text, t) || inMatch(t)) {
      i++;
      continue;
    }
    // Extend over capitalised words and the connectors between them.
    let end = i;
    let j = i + 1;
    while (j < tokens.length && !gapBreaks(text, tokens[j - 1], tokens[j])) {
      if (inMatch(tokens[j])) {
        // A known place ends a longer name after a connector: "Federación de Rondas de Celendín".
        const named = tokens.slice(i, j).some((w) => capital(text, w) && !LEADING.has(w.key));
        if (named && OF.has(tokens[j - 1].key) && capital(text, tokens[j])) {
          while (j < tokens.length && inMatch(tokens[j])) end = j++;
        }
        break;
      }
      if (capital(text, tokens[j])) end = j;
      else if (!CONNECTORS.has(tokens[j].key)) break;
      j++;
    }
    let first = i;
    while (first <= end && LEADING.has(tokens[first].key)) first++;
    // "Minister Rosa Gutiérrez": a capitalised title starts the run; it is what comes before the name.
    while (first < end && PERSON_BEFORE.has(tokens[first].key)) first++;
    if (first <= end && !tokens.slice(first, end + 1).every((w) => NOT_NAMES.has(w.key))) {
      const run = tokens.slice(first, end + 1);
      const guess = guessKind(text, tokens, first, run);
      if (guess) {
        const start = run[0].start;
        const stop = run[run.length - 1].end;
        out.push({ text: text.slice(start, stop), ...guess, field, offset: start, length: stop - start });
      }
    }
    i = end + 1;
  }
  return out;
}

/** Punctuation other than a hyphen or an apostrophe between two words ends a name. */
function gapBreaks(text: string, a: Token, b: Token): boolean {
  return /[^\s'’-]/.test(text.slice(a.possessiveEnd, b.start));
}

function guessKind(text: string, tokens: readonly Token[], first: number, run: Token[]): { kind: SuggestionKind; reason: string } | null {
  const raw = (t: Token) => text.slice(t.start, t.end);
  if (run.length === 1 && ACRONYM.test(raw(run[0]))) return { kind: SubjectKind.ORGANISATION, reason: 'an acronym' };
  // A keyword alone ("the Ministry") is no name; with another word it is ("Ministerio de Cultura").
  const organisation = run.length >= 2 ? run.find((t) => ORGANISATION_WORDS.has(t.key)) : undefined;
  if (organisation) return { kind: SubjectKind.ORGANISATION, reason: `contains "${raw(organisation)}"` };
  const place = run.length >= 2 ? run.find((t) => PLACE_WORDS.has(t.key)) : undefined;
  if (place) return { kind: SubjectKind.PLACE, reason: `contains "${raw(place)}"` };
  const before = first > 0 ? tokens[first - 1] : undefined;
  if (before && run.length >= 2 && PERSON_BEFORE.has(before.key)) return { kind: SubjectKind.PERSON, reason: `after "${raw(before)}"` };
  if (run.length >= 2 && run.length <= 4 && GIVEN_NAMES.has(run[0].key)) return { kind: SubjectKind.PERSON, reason: `starts with the given name "${raw(run[0])}"` };
  const twoBefore = first > 1 ? tokens[first - 2] : undefined;
  if (before && twoBefore && (before.key === 'de' || before.key === 'of') && SETTLEMENTS.has(twoBefore.key)) {
    return { kind: SubjectKind.PLACE, reason: `after "${raw(twoBefore)} ${raw(before)}"` };
  }
  if (before && PLACE_BEFORE.has(before.key) && !capital(text, before)) return { kind: SubjectKind.PLACE, reason: `after "${raw(before)}"` };
  return null;
}
