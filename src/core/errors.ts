import { GraphQLError } from 'graphql';

/** The client sent something outside what the API allows; the message says what and what is allowed. */
export class BadUserInput extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
  }
}

/** The request needs a key it did not send (401). */
export class Unauthenticated extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** The key sent may not do this (403). */
export class Forbidden extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
}

/** No such article, subject or suggestion. */
export class NotFound extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'NOT_FOUND', ...(argument ? { argument } : {}) } });
  }
}

/** A write named a version that is no longer the stored one: someone else wrote first. Nothing was written. */
export class Conflict extends GraphQLError {
  constructor(message: string, expectedVersion: number, currentVersion: number) {
    super(message, { extensions: { code: 'CONFLICT', expectedVersion, currentVersion } });
  }
}
