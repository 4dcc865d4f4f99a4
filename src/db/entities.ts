import { Article } from '../article/article.entity';
import { ArticleLink } from '../article/article-link.entity';
import { Channel } from '../channel/channel.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { SearchTerm } from '../search/search-term.entity';
import { Source } from '../source/source.entity';
import { SuggestionRow } from '../suggestion/suggestion.entity';
import { Topic } from '../topic/topic.entity';

/** Every stored concept; TypeORM derives the schema from these and migrations must match it. */
export const entities = [Source, Article, ArticleLink, Topic, Organisation, Place, Person, Channel, SuggestionRow, SearchTerm];
