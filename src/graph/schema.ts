import 'reflect-metadata';
import { type GraphQLSchema, isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ArticleFacetsResolver } from '../article/article.facets';
import { ArticleResolver } from '../article/article.resolver';
import { ArticleConnectionResolver } from '../article/article-connection.resolver';
import { ChangeResolver } from '../change/change.resolver';
import { ChannelResolver } from '../channel/channel.resolver';
import { ArticleMutations } from '../desk/article.mutations';
import { AuditResolver } from '../desk/audit.resolver';
import { EntityMutations } from '../desk/entity.mutations';
import { LinkMutations } from '../desk/link.mutations';
import { SuggestionMutations } from '../desk/suggestion.mutations';
import { EntityPathResolver, LinkEdgeResolver, LinkNodeResolver, LinksResolver, PathStepResolver, RelatedSubjectResolver } from '../links/links.resolver';
import { OrganisationResolver } from '../organisation/organisation.resolver';
import { ApiKeyResolver } from '../partner/keys.resolver';
import { PersonResolver } from '../person/person.resolver';
import { PlaceResolver } from '../place/place.resolver';
import { SourceResolver } from '../source/source.resolver';
import { SuggestionResolver } from '../suggestion/suggestion.resolver';
import { TimelineResolver } from '../timeline/timeline.resolver';
import { TopicResolver } from '../topic/topic.resolver';
import { NodeResolver } from './node.resolver';

let schema: GraphQLSchema | undefined;

/** The executable schema, built once per process from the decorated classes. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      NodeResolver,
      ArticleResolver,
      ArticleConnectionResolver,
      ArticleFacetsResolver,
      TopicResolver,
      OrganisationResolver,
      PlaceResolver,
      PersonResolver,
      SourceResolver,
      TimelineResolver,
      LinksResolver,
      LinkNodeResolver,
      LinkEdgeResolver,
      RelatedSubjectResolver,
      EntityPathResolver,
      PathStepResolver,
      ChannelResolver,
      SuggestionResolver,
      ChangeResolver,
      AuditResolver,
      ArticleMutations,
      LinkMutations,
      EntityMutations,
      SuggestionMutations,
      ApiKeyResolver,
    ],
    // Inputs are checked by the resolvers with messages that name the argument and range.
    validate: false,
  });
  // type-graphql wraps resolveType in an async function; rows are hydrated into their classes, whose
  // names are the type names, so a synchronous lookup is exact, cheaper, and what graphql-jit needs.
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = (value: object) => value.constructor.name;
  }
  schema.getQueryType()!.description = 'Read access to Quipu: NGO news about Peru, linked to the topics, organisations, places and people it is about.';
  schema.getMutationType()!.description =
    'The editorial desk: writes by editor and admin keys only (401 without a key, 403 with a partner key), by POST only. Each is one transaction with an audit entry; writes to an article or subject name the version they were made on.';
  return schema;
}

/** The schema as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
