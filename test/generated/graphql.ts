/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** A local date string (i.e., with no associated timezone) in `YYYY-MM-DD` format, e.g. `2020-01-01`. */
  LocalDate: { input: string; output: string; }
};

/** A news item or standing page, with its text exactly as published. */
export type Article = Node & {
  __typename?: 'Article';
  /** The paragraphs after the summary, or null when there are none. */
  body: Maybe<Scalars['String']['output']>;
  /** SHA-256 of the kind, date, title, summary and body: changes exactly when the content does. */
  contentHash: Scalars['String']['output'];
  /** When Quipu first stored the article. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** News item or standing page. */
  kind: ArticleKind;
  /** BCP 47 language tag of the text. */
  language: Scalars['String']['output'];
  /** Every link of the article with its evidence, most relevant first: why it carries each tag. */
  mentions: Array<Mention>;
  /** Organisations the article is about, most relevant first. */
  organisations: Array<Organisation>;
  /** People the article is about, most relevant first. */
  people: Array<Person>;
  /** Places the article is about, most relevant first. */
  places: Array<Place>;
  /** Publication date (YYYY-MM-DD); null for pages. */
  publishedAt: Maybe<Scalars['LocalDate']['output']>;
  /** Articles that share subjects with this one, most shared first, with the shared subjects as the reason. */
  related: Array<RelatedArticle>;
  /** Stable, unique, URL-safe name: `<date>-<title>` for news, `<title>` for pages. */
  slug: Scalars['String']['output'];
  /** The publisher. */
  source: Source;
  /** The first paragraph as published. */
  summary: Scalars['String']['output'];
  /** The title as published. */
  title: Scalars['String']['output'];
  /** Topics the article is about, most relevant first. */
  topics: Array<Topic>;
  /** When the stored content last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A news item or standing page, with its text exactly as published. */
export type ArticleMentionsArgs = {
  kinds?: InputMaybe<Array<SubjectKind>>;
};


/** A news item or standing page, with its text exactly as published. */
export type ArticleRelatedArgs = {
  first?: Scalars['Int']['input'];
};

/** A page of articles (Relay cursor connection) with its total and facets. */
export type ArticleConnection = {
  __typename?: 'ArticleConnection';
  /** The articles of this page, each with its cursor. */
  edges: Array<ArticleEdge>;
  /** Counts by topic, organisation, place, person and month over the whole list. */
  facets: ArticleFacets;
  /** The articles of this page (the edges’ nodes, for convenience). */
  nodes: Array<Article>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many articles the whole list holds (filter and search applied), across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An article in a connection, with the cursor that points at it. */
export type ArticleEdge = {
  __typename?: 'ArticleEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The article. */
  node: Article;
};

/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacets = {
  __typename?: 'ArticleFacets';
  /** Article counts by month of publication, newest month first (undated pages are not counted). */
  months: Array<MonthFacet>;
  /** Article counts by organisation. */
  organisations: Array<OrganisationFacet>;
  /** Article counts by person. */
  people: Array<PersonFacet>;
  /** Article counts by place. */
  places: Array<PlaceFacet>;
  /** Article counts by topic. */
  topics: Array<TopicFacet>;
};


/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacetsMonthsArgs = {
  first?: Scalars['Int']['input'];
};


/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacetsOrganisationsArgs = {
  first?: Scalars['Int']['input'];
};


/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacetsPeopleArgs = {
  first?: Scalars['Int']['input'];
};


/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacetsPlacesArgs = {
  first?: Scalars['Int']['input'];
};


/** Counts for a filter sidebar, over the same articles as the list (filter and search), not just this page. */
export type ArticleFacetsTopicsArgs = {
  first?: Scalars['Int']['input'];
};

/** The part of an article a piece of evidence was found in. */
export type ArticleField =
  | 'BODY'
  | 'SUMMARY'
  | 'TITLE';

/** Which articles to keep. All conditions given must hold; compose with AND, OR and NOT (at most 5 levels deep, 100 slugs in all). */
export type ArticleFilter = {
  /** Every one of these filters holds. */
  AND?: InputMaybe<Array<ArticleFilter>>;
  /** This filter does not hold. */
  NOT?: InputMaybe<ArticleFilter>;
  /** At least one of these filters holds. */
  OR?: InputMaybe<Array<ArticleFilter>>;
  /** Only news items or only pages. */
  kind?: InputMaybe<ArticleKind>;
  /** By organisation slug. */
  organisations?: InputMaybe<SlugMatch>;
  /** By person slug. */
  people?: InputMaybe<SlugMatch>;
  /** By place slug; a place includes the places inside it. */
  places?: InputMaybe<SlugMatch>;
  /** Published on or after this date. Undated pages never match a date bound. */
  publishedFrom?: InputMaybe<Scalars['LocalDate']['input']>;
  /** Published on or before this date. */
  publishedTo?: InputMaybe<Scalars['LocalDate']['input']>;
  /** By topic slug; a topic includes its subtopics. */
  topics?: InputMaybe<SlugMatch>;
};

/** What an article is. */
export type ArticleKind =
  /** A dated news item. */
  | 'NEWS'
  /** An undated standing page (aims, background). */
  | 'PAGE';

/** Article order. Undated pages come after all dated news in both date orders. */
export type ArticleOrder =
  /** Oldest first. */
  | 'PUBLISHED_AT_ASC'
  /** Newest first. The default without `search`. */
  | 'PUBLISHED_AT_DESC'
  /** Best search match first (title counts most, then summary, then body). Needs `search`; the default with it. */
  | 'RELEVANCE'
  /** By title, A to Z, ignoring case. */
  | 'TITLE';

/** One place in the text where a link was found. */
export type Evidence = {
  __typename?: 'Evidence';
  /** The part of the article. */
  field: ArticleField;
  /** Length of the match in UTF-16 code units. */
  length: Scalars['Int']['output'];
  /** Offset of the match in that part, in UTF-16 code units (JavaScript string indices). */
  offset: Scalars['Int']['output'];
  /** The matched text exactly as published, e.g. "Tía María" or "Southern". */
  text: Scalars['String']['output'];
  /** What this match contributed to the relevance. */
  weight: Scalars['Float']['output'];
};

/** A link between an article and a subject, with the evidence for it. */
export type Mention = {
  __typename?: 'Mention';
  /** Where the text supports the link, in reading order. */
  evidence: Array<Evidence>;
  /** The kind of subject. */
  kind: SubjectKind;
  /** Who made the link. */
  provenance: Provenance;
  /** How strongly the article is about the subject, from 0 to 1 (see README, "How links are made"). */
  relevance: Scalars['Float']['output'];
  /** What the article is linked to. */
  subject: Subject;
};

/** How many articles of the current list were published in one month. */
export type MonthFacet = {
  __typename?: 'MonthFacet';
  /** Dated articles in the list published that month. */
  count: Scalars['Int']['output'];
  /** The month, as YYYY-MM. */
  month: Scalars['String']['output'];
};

/** An object with a global id, fetchable with `node(id:)` (Relay Global Object Identification). */
export type Node = {
  /** Opaque global id; stable across re-ingests of the same content. */
  id: Scalars['ID']['output'];
};

/** A company, public body, court, NGO, think tank or political group the news is about. */
export type Organisation = Node & {
  __typename?: 'Organisation';
  /** Other names the news uses: acronyms, short and Spanish names. */
  aliases: Array<Scalars['String']['output']>;
  /** Articles about this organisation; the same arguments as the root `articles`. */
  articles: ArticleConnection;
  /** ISO 3166-1 alpha-2 code of the country it is based in. */
  country: Maybe<Scalars['String']['output']>;
  /** What the organisation is, in one sentence. */
  description: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** What sort of body it is. */
  kind: OrganisationKind;
  /** Canonical name. */
  name: Scalars['String']['output'];
  /** The organisation this one belongs to (a subsidiary’s group); null if none. */
  parent: Maybe<Organisation>;
  /** Stable, unique, URL-safe name, e.g. `southern-copper`. */
  slug: Scalars['String']['output'];
};


/** A company, public body, court, NGO, think tank or political group the news is about. */
export type OrganisationArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A page of organisation entries in name order (Relay cursor connection). */
export type OrganisationConnection = {
  __typename?: 'OrganisationConnection';
  /** The entries of this page, each with its cursor. */
  edges: Array<OrganisationEdge>;
  /** The entries of this page. */
  nodes: Array<Organisation>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many entries the whole list holds (search applied). */
  totalCount: Scalars['Int']['output'];
};

/** A organisation in a connection, with its cursor. */
export type OrganisationEdge = {
  __typename?: 'OrganisationEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The organisation. */
  node: Organisation;
};

/** How many articles of the current list are about one organisation. */
export type OrganisationFacet = {
  __typename?: 'OrganisationFacet';
  /** Articles in the list that `organisations: { any: [slug] }` would keep. */
  count: Scalars['Int']['output'];
  /** The organisation. */
  organisation: Organisation;
};

/** What sort of body an organisation is. */
export type OrganisationKind =
  | 'COMPANY'
  | 'COURT'
  | 'GOVERNMENT_BODY'
  | 'INTERNATIONAL_BODY'
  | 'LEGISLATURE'
  | 'MEDIA'
  | 'NGO'
  | 'OTHER'
  | 'POLITICAL_GROUP'
  | 'THINK_TANK';

/** Where a page sits in its connection (Relay cursor connections). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow this page (in the direction of `first`). */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when items precede this page (in the direction of `last`, or after an `after` cursor). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge; null on an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** A person the news is about. */
export type Person = Node & {
  __typename?: 'Person';
  /** Other names the news uses for this person (surname alone, initials). */
  aliases: Array<Scalars['String']['output']>;
  /** Articles about this person; the same arguments as the root `articles`. */
  articles: ArticleConnection;
  /** Who the person is, in one sentence. */
  description: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Canonical full name. */
  name: Scalars['String']['output'];
  /** Stable, unique, URL-safe name, e.g. `alberto-fujimori`. */
  slug: Scalars['String']['output'];
};


/** A person the news is about. */
export type PersonArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A page of person entries in name order (Relay cursor connection). */
export type PersonConnection = {
  __typename?: 'PersonConnection';
  /** The entries of this page, each with its cursor. */
  edges: Array<PersonEdge>;
  /** The entries of this page. */
  nodes: Array<Person>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many entries the whole list holds (search applied). */
  totalCount: Scalars['Int']['output'];
};

/** A person in a connection, with its cursor. */
export type PersonEdge = {
  __typename?: 'PersonEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The person. */
  node: Person;
};

/** How many articles of the current list are about one person. */
export type PersonFacet = {
  __typename?: 'PersonFacet';
  /** Articles in the list that `people: { any: [slug] }` would keep. */
  count: Scalars['Int']['output'];
  /** The person. */
  person: Person;
};

/** A country, region, province, town, mine site or natural area. Places form a tree. */
export type Place = Node & {
  __typename?: 'Place';
  /** Other names: spellings with and without diacritics, Spanish names, demonyms. */
  aliases: Array<Scalars['String']['output']>;
  /** Articles about this place or anything inside it; the same arguments as the root `articles`. */
  articles: ArticleConnection;
  /** The places directly inside this one, by name. */
  children: Array<Place>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Its level in the hierarchy. */
  kind: PlaceKind;
  /** Latitude in decimal degrees (WGS 84), approximate. */
  latitude: Maybe<Scalars['Float']['output']>;
  /** Longitude in decimal degrees (WGS 84), approximate. */
  longitude: Maybe<Scalars['Float']['output']>;
  /** Canonical name, with its diacritics. */
  name: Scalars['String']['output'];
  /** The place this one lies in; null for a country. */
  parent: Maybe<Place>;
  /** Stable, unique, URL-safe name, e.g. `cajamarca`. */
  slug: Scalars['String']['output'];
};


/** A country, region, province, town, mine site or natural area. Places form a tree. */
export type PlaceArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A page of place entries in name order (Relay cursor connection). */
export type PlaceConnection = {
  __typename?: 'PlaceConnection';
  /** The entries of this page, each with its cursor. */
  edges: Array<PlaceEdge>;
  /** The entries of this page. */
  nodes: Array<Place>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many entries the whole list holds (search applied). */
  totalCount: Scalars['Int']['output'];
};

/** A place in a connection, with its cursor. */
export type PlaceEdge = {
  __typename?: 'PlaceEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The place. */
  node: Place;
};

/** How many articles of the current list are about one place (or places inside it). */
export type PlaceFacet = {
  __typename?: 'PlaceFacet';
  /** Articles in the list that `places: { any: [slug] }` would keep. */
  count: Scalars['Int']['output'];
  /** The place. */
  place: Place;
};

/** Where a place sits in the hierarchy country ⊃ region ⊃ province ⊃ town or site. */
export type PlaceKind =
  | 'COUNTRY'
  /** A mine or a mining project site. */
  | 'MINE_SITE'
  | 'NATURAL_AREA'
  /** A second-level subdivision: a Peruvian province. */
  | 'PROVINCE'
  /** A first-level subdivision: a Peruvian region, a Canadian province. */
  | 'REGION'
  | 'TOWN';

/** Who made a link. */
export type Provenance =
  /** An editor, by hand. */
  | 'EDITOR'
  /** An extraction rule: a taxonomy keyword or a gazetteer name matched the text. */
  | 'RULE';

export type Query = {
  __typename?: 'Query';
  /** One article by slug or by global id (give exactly one); null when there is none. */
  article: Maybe<Article>;
  /** Articles, filtered, searched, ordered and paginated, with total and facets. */
  articles: ArticleConnection;
  /** Any object by its global id; null when it no longer exists. */
  node: Maybe<Node>;
  /** Objects by global id, in the order asked (null for any that no longer exist); at most 100. */
  nodes: Array<Maybe<Node>>;
  /** One organisation by slug; null when there is none. */
  organisation: Maybe<Organisation>;
  /** All organisations in name order, optionally searched by name. */
  organisations: OrganisationConnection;
  /** All people in name order, optionally searched by name. */
  people: PersonConnection;
  /** One person by slug; null when there is none. */
  person: Maybe<Person>;
  /** One place by slug; null when there is none. */
  place: Maybe<Place>;
  /** All places in name order, optionally searched by name. */
  places: PlaceConnection;
  /** Every publisher Quipu carries, by name. */
  sources: Array<Source>;
  /** One topic by slug; null when there is none. */
  topic: Maybe<Topic>;
  /** All topics in name order, optionally searched by name. */
  topics: TopicConnection;
};


export type QueryArticleArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOrganisationArgs = {
  slug: Scalars['String']['input'];
};


export type QueryOrganisationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPersonArgs = {
  slug: Scalars['String']['input'];
};


export type QueryPlaceArgs = {
  slug: Scalars['String']['input'];
};


export type QueryPlacesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTopicArgs = {
  slug: Scalars['String']['input'];
};


export type QueryTopicsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** An article that shares subjects with another, with the shared subjects as the reason. */
export type RelatedArticle = {
  __typename?: 'RelatedArticle';
  /** The related article. */
  article: Article;
  /** How related: the number of subjects the two articles share. */
  score: Scalars['Float']['output'];
  /** The subjects both articles are linked to. */
  shared: Array<Subject>;
};

/** Slugs to match on a to-many relation. `any`: linked to at least one; `all`: linked to every one; `none`: linked to none. Topics include their subtopics and places the places inside them. An empty `all` or `none` imposes nothing; an empty `any` is an error. */
export type SlugMatch = {
  /** Keep articles linked to every one of these. */
  all?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Keep articles linked to at least one of these. */
  any?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Keep articles linked to none of these. */
  none?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A publisher whose news Quipu carries. */
export type Source = Node & {
  __typename?: 'Source';
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The publisher’s name, e.g. "Peru Support Group". */
  name: Scalars['String']['output'];
  /** The publisher’s home page. */
  url: Scalars['String']['output'];
};

/** Something an article is about: a topic, organisation, place or person. */
export type Subject = Organisation | Person | Place | Topic;

/** The kinds of thing an article can be linked to. */
export type SubjectKind =
  | 'ORGANISATION'
  | 'PERSON'
  | 'PLACE'
  | 'TOPIC';

/** A subject of the news (mining, human rights, ...). Topics form a tree. */
export type Topic = Node & {
  __typename?: 'Topic';
  /** Articles about this topic or anything inside it; the same arguments as the root `articles`. */
  articles: ArticleConnection;
  /** The subtopics, by name. */
  children: Array<Topic>;
  /** What the topic covers, in one sentence. */
  description: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The broader topic; null for a top-level topic. */
  parent: Maybe<Topic>;
  /** Stable, unique, URL-safe name, e.g. `mining`. */
  slug: Scalars['String']['output'];
};


/** A subject of the news (mining, human rights, ...). Topics form a tree. */
export type TopicArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A page of topic entries in name order (Relay cursor connection). */
export type TopicConnection = {
  __typename?: 'TopicConnection';
  /** The entries of this page, each with its cursor. */
  edges: Array<TopicEdge>;
  /** The entries of this page. */
  nodes: Array<Topic>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many entries the whole list holds (search applied). */
  totalCount: Scalars['Int']['output'];
};

/** A topic in a connection, with its cursor. */
export type TopicEdge = {
  __typename?: 'TopicEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The topic. */
  node: Topic;
};

/** How many articles of the current list are about one topic (or its subtopics). */
export type TopicFacet = {
  __typename?: 'TopicFacet';
  /** Articles in the list that `topics: { any: [slug] }` would keep. */
  count: Scalars['Int']['output'];
  /** The topic. */
  topic: Topic;
};

/** The part of an article a piece of evidence was found in. */
export type ArticleField =
  | 'BODY'
  | 'SUMMARY'
  | 'TITLE';

/** Which articles to keep. All conditions given must hold; compose with AND, OR and NOT (at most 5 levels deep, 100 slugs in all). */
export type ArticleFilter = {
  /** Every one of these filters holds. */
  AND?: Array<ArticleFilter> | null | undefined;
  /** This filter does not hold. */
  NOT?: ArticleFilter | null | undefined;
  /** At least one of these filters holds. */
  OR?: Array<ArticleFilter> | null | undefined;
  /** Only news items or only pages. */
  kind?: ArticleKind | null | undefined;
  /** By organisation slug. */
  organisations?: SlugMatch | null | undefined;
  /** By person slug. */
  people?: SlugMatch | null | undefined;
  /** By place slug; a place includes the places inside it. */
  places?: SlugMatch | null | undefined;
  /** Published on or after this date. Undated pages never match a date bound. */
  publishedFrom?: string | null | undefined;
  /** Published on or before this date. */
  publishedTo?: string | null | undefined;
  /** By topic slug; a topic includes its subtopics. */
  topics?: SlugMatch | null | undefined;
};

/** What an article is. */
export type ArticleKind =
  /** A dated news item. */
  | 'NEWS'
  /** An undated standing page (aims, background). */
  | 'PAGE';

/** Article order. Undated pages come after all dated news in both date orders. */
export type ArticleOrder =
  /** Oldest first. */
  | 'PUBLISHED_AT_ASC'
  /** Newest first. The default without `search`. */
  | 'PUBLISHED_AT_DESC'
  /** Best search match first (title counts most, then summary, then body). Needs `search`; the default with it. */
  | 'RELEVANCE'
  /** By title, A to Z, ignoring case. */
  | 'TITLE';

/** What sort of body an organisation is. */
export type OrganisationKind =
  | 'COMPANY'
  | 'COURT'
  | 'GOVERNMENT_BODY'
  | 'INTERNATIONAL_BODY'
  | 'LEGISLATURE'
  | 'MEDIA'
  | 'NGO'
  | 'OTHER'
  | 'POLITICAL_GROUP'
  | 'THINK_TANK';

/** Where a place sits in the hierarchy country ⊃ region ⊃ province ⊃ town or site. */
export type PlaceKind =
  | 'COUNTRY'
  /** A mine or a mining project site. */
  | 'MINE_SITE'
  | 'NATURAL_AREA'
  /** A second-level subdivision: a Peruvian province. */
  | 'PROVINCE'
  /** A first-level subdivision: a Peruvian region, a Canadian province. */
  | 'REGION'
  | 'TOWN';

/** Who made a link. */
export type Provenance =
  /** An editor, by hand. */
  | 'EDITOR'
  /** An extraction rule: a taxonomy keyword or a gazetteer name matched the text. */
  | 'RULE';

/** Slugs to match on a to-many relation. `any`: linked to at least one; `all`: linked to every one; `none`: linked to none. Topics include their subtopics and places the places inside them. An empty `all` or `none` imposes nothing; an empty `any` is an error. */
export type SlugMatch = {
  /** Keep articles linked to every one of these. */
  all?: Array<string> | null | undefined;
  /** Keep articles linked to at least one of these. */
  any?: Array<string> | null | undefined;
  /** Keep articles linked to none of these. */
  none?: Array<string> | null | undefined;
};

/** The kinds of thing an article can be linked to. */
export type SubjectKind =
  | 'ORGANISATION'
  | 'PERSON'
  | 'PLACE'
  | 'TOPIC';

export type ArticleListQueryVariables = Exact<{
  filter?: ArticleFilter | null | undefined;
  search?: string | null | undefined;
  orderBy?: ArticleOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type ArticleListQuery = { articles: { totalCount: number, edges: Array<{ cursor: string, node: { slug: string, publishedAt: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type ArticlesWithRelationsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ArticlesWithRelationsQuery = { articles: { nodes: Array<{ id: string, slug: string, topics: Array<{ slug: string }>, organisations: Array<{ slug: string }>, places: Array<{ slug: string }>, people: Array<{ slug: string }>, source: { name: string } }> } };

type SubjectRef_Organisation_Fragment = { __typename: 'Organisation', slug: string };

type SubjectRef_Person_Fragment = { __typename: 'Person', slug: string };

type SubjectRef_Place_Fragment = { __typename: 'Place', slug: string };

type SubjectRef_Topic_Fragment = { __typename: 'Topic', slug: string };

export type SubjectRefFragment =
  | SubjectRef_Organisation_Fragment
  | SubjectRef_Person_Fragment
  | SubjectRef_Place_Fragment
  | SubjectRef_Topic_Fragment
;

export type ArticleBySlugQueryVariables = Exact<{
  slug: string;
}>;


export type ArticleBySlugQuery = { article: { id: string, slug: string, title: string, summary: string, body: string | null, kind: ArticleKind, publishedAt: string | null, language: string, contentHash: string, createdAt: string, updatedAt: string, source: { id: string, name: string, url: string }, topics: Array<{ slug: string }>, organisations: Array<{ slug: string }>, places: Array<{ slug: string }>, people: Array<{ slug: string }>, mentions: Array<{ kind: SubjectKind, relevance: number, provenance: Provenance, subject:
        | { __typename: 'Organisation', slug: string }
        | { __typename: 'Person', slug: string }
        | { __typename: 'Place', slug: string }
        | { __typename: 'Topic', slug: string }
      , evidence: Array<{ field: ArticleField, offset: number, length: number, text: string, weight: number }> }>, related: Array<{ score: number, article: { slug: string }, shared: Array<
        | { __typename: 'Organisation', slug: string }
        | { __typename: 'Person', slug: string }
        | { __typename: 'Place', slug: string }
        | { __typename: 'Topic', slug: string }
      > }> } | null };

export type ArticleByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type ArticleByIdQuery = { article: { slug: string } | null };

export type ArticleFacetsQueryVariables = Exact<{
  filter?: ArticleFilter | null | undefined;
  search?: string | null | undefined;
}>;


export type ArticleFacetsQuery = { articles: { totalCount: number, facets: { topics: Array<{ count: number, topic: { slug: string } }>, organisations: Array<{ count: number, organisation: { slug: string } }>, places: Array<{ count: number, place: { slug: string } }>, people: Array<{ count: number, person: { slug: string } }>, months: Array<{ month: string, count: number }> } } };

export type TopicPageQueryVariables = Exact<{
  slug: string;
  first?: number | null | undefined;
}>;


export type TopicPageQuery = { topic: { id: string, slug: string, name: string, description: string, parent: { slug: string } | null, children: Array<{ slug: string }>, articles: { totalCount: number, nodes: Array<{ slug: string }> } } | null };

export type PlacePageQueryVariables = Exact<{
  slug: string;
  filter?: ArticleFilter | null | undefined;
}>;


export type PlacePageQuery = { place: { id: string, slug: string, name: string, aliases: Array<string>, kind: PlaceKind, latitude: number | null, longitude: number | null, parent: { slug: string } | null, children: Array<{ slug: string }>, articles: { totalCount: number, nodes: Array<{ slug: string }>, facets: { places: Array<{ count: number, place: { slug: string } }> } } } | null };

export type OrganisationPageQueryVariables = Exact<{
  slug: string;
}>;


export type OrganisationPageQuery = { organisation: { id: string, slug: string, name: string, aliases: Array<string>, kind: OrganisationKind, country: string | null, parent: { slug: string } | null, articles: { totalCount: number, nodes: Array<{ slug: string }> } } | null };

export type PersonPageQueryVariables = Exact<{
  slug: string;
}>;


export type PersonPageQuery = { person: { id: string, slug: string, name: string, aliases: Array<string>, description: string | null, articles: { totalCount: number, nodes: Array<{ slug: string }> } } | null };

export type TopicTreeQueryVariables = Exact<{
  articlesFirst?: number | null | undefined;
}>;


export type TopicTreeQuery = { topics: { totalCount: number, nodes: Array<{ slug: string, parent: { slug: string } | null, articles: { totalCount: number, nodes: Array<{ slug: string }> } }> } };

export type PlaceSearchQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type PlaceSearchQuery = { places: { totalCount: number, nodes: Array<{ slug: string, name: string }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null, startCursor: string | null } } };

export type OrganisationSearchQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type OrganisationSearchQuery = { organisations: { totalCount: number, nodes: Array<{ slug: string }> } };

export type PeopleListQueryVariables = Exact<{ [key: string]: never; }>;


export type PeopleListQuery = { people: { totalCount: number, nodes: Array<{ slug: string }> } };

export type NodeByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeByIdQuery = { node:
    | { __typename: 'Article', slug: string, id: string }
    | { __typename: 'Organisation', slug: string, id: string }
    | { __typename: 'Person', slug: string, id: string }
    | { __typename: 'Place', slug: string, id: string }
    | { __typename: 'Source', name: string, id: string }
    | { __typename: 'Topic', slug: string, id: string }
   | null };

export type NodesByIdsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesByIdsQuery = { nodes: Array<
    | { __typename: 'Article', id: string }
    | { __typename: 'Organisation', id: string }
    | { __typename: 'Person', id: string }
    | { __typename: 'Place', id: string }
    | { __typename: 'Source', id: string }
    | { __typename: 'Topic', id: string }
   | null> };

export type SourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type SourcesQuery = { sources: Array<{ id: string, name: string, url: string }> };

export const SubjectRefFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubjectRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Topic"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Place"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<SubjectRefFragment, unknown>;
export const ArticleListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ArticleFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ArticleOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ArticleListQuery, ArticleListQueryVariables>;
export const ArticlesWithRelationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticlesWithRelations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"places"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ArticlesWithRelationsQuery, ArticlesWithRelationsQueryVariables>;
export const ArticleBySlugDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleBySlug"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"article"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"places"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mentions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"relevance"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubjectRef"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"offset"}},{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"related"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shared"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SubjectRef"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SubjectRef"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Topic"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Place"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<ArticleBySlugQuery, ArticleBySlugQueryVariables>;
export const ArticleByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"article"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<ArticleByIdQuery, ArticleByIdQueryVariables>;
export const ArticleFacetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ArticleFacets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ArticleFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"topic"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"places"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ArticleFacetsQuery, ArticleFacetsQueryVariables>;
export const TopicPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopicPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topic"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopicPageQuery, TopicPageQueryVariables>;
export const PlacePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlacePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ArticleFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"place"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"places"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlacePageQuery, PlacePageQueryVariables>;
export const OrganisationPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganisationPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"articles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganisationPageQuery, OrganisationPageQueryVariables>;
export const PersonPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"articles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonPageQuery, PersonPageQueryVariables>;
export const TopicTreeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopicTree"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"articlesFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"articlesFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TopicTreeQuery, TopicTreeQueryVariables>;
export const PlaceSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlaceSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"places"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PlaceSearchQuery, PlaceSearchQueryVariables>;
export const OrganisationSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganisationSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<OrganisationSearchQuery, OrganisationSearchQueryVariables>;
export const PeopleListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PeopleList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<PeopleListQuery, PeopleListQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Article"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Topic"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Place"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organisation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const NodesByIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesByIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NodesByIdsQuery, NodesByIdsQueryVariables>;
export const SourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<SourcesQuery, SourcesQueryVariables>;