import { GraphQLError } from 'graphql';

/** The client sent something outside what the API allows; the message says what and what is allowed. */
export class BadUserInput extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
  }
}
