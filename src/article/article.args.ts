import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../core/connection';
import { ArticleFilter } from './article.filter';
import { ArticleOrder } from './article.query';

@ArgsType()
export class ArticlesArgs extends PageArgs {
  @Field(() => ArticleFilter, { nullable: true, description: 'Which articles to keep.' })
  filter?: ArticleFilter | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over title, summary and body, ignoring case and diacritics. Words are ANDed; "quoted phrase", prefix*, OR, -word or NOT word. At most 500 characters.',
  })
  search?: string | null;

  @Field(() => ArticleOrder, { nullable: true, description: 'Order of the list: RELEVANCE when searching, else PUBLISHED_AT_DESC.' })
  orderBy?: ArticleOrder | null;
}
