/** The kinds of thing an article can be linked to. */
export enum SubjectKind {
  TOPIC = 'TOPIC',
  ORGANISATION = 'ORGANISATION',
  PLACE = 'PLACE',
  PERSON = 'PERSON',
}

/** The part of an article a piece of evidence was found in. */
export enum ArticleField {
  TITLE = 'TITLE',
  SUMMARY = 'SUMMARY',
  BODY = 'BODY',
}

/** Who made a link: an extraction rule, or an editor. */
export enum Provenance {
  RULE = 'RULE',
  EDITOR = 'EDITOR',
}
