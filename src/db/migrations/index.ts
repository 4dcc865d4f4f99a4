import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { ArticleOrderIndexes1764288000000 } from './1764288000000-article-order-indexes';
import { LinkAggregates1764374400000 } from './1764374400000-link-aggregates';

/** Every migration, oldest first. */
export const migrations: Function[] = [InitialSchema1764201600000, ArticleOrderIndexes1764288000000, LinkAggregates1764374400000];
