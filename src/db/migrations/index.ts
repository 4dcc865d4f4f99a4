import type { MigrationInterface } from 'typeorm';
import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { ArticleOrderIndexes1764288000000 } from './1764288000000-article-order-indexes';
import { TimelineCounts1764374400000 } from './1764374400000-timeline-counts';
import { LinkAggregates1764460800000 } from './1764460800000-link-aggregates';
import { Channels1764547200000 } from './1764547200000-channels';
import { PartnerKeys1764633600000 } from './1764633600000-partner-keys';
import { LoadState1764720000000 } from './1764720000000-load-state';
import { ArticleChangeLog1764806400000 } from './1764806400000-article-change-log';
import { PlaceReference1764892800000 } from './1764892800000-place-reference';
import { EntitySuggestions1764979200000 } from './1764979200000-entity-suggestions';
import { SearchTerms1765065600000 } from './1765065600000-search-terms';
import { EditorialDesk1765152000000 } from './1765152000000-editorial-desk';
import { FeedSources1765238400000 } from './1765238400000-feed-sources';

/** Every migration, oldest first. */
export const migrations: (new () => MigrationInterface)[] = [
  InitialSchema1764201600000,
  ArticleOrderIndexes1764288000000,
  TimelineCounts1764374400000,
  LinkAggregates1764460800000,
  Channels1764547200000,
  PartnerKeys1764633600000,
  LoadState1764720000000,
  ArticleChangeLog1764806400000,
  PlaceReference1764892800000,
  EntitySuggestions1764979200000,
  SearchTerms1765065600000,
  EditorialDesk1765152000000,
  FeedSources1765238400000,
];
