import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * graphql-scalars' LocalDate, except that output strings are passed through: stored dates were
 * validated by the ingest, and re-validating every date of every list costs a regex per row.
 * Input (filters) is still validated by the original parser.
 */
export const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize: (value: unknown) => (typeof value === 'string' ? value : LocalDateResolver.serialize(value)),
});
