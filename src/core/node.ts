import { Field, ID, InterfaceType } from 'type-graphql';
import { BadUserInput } from './errors';

/** The types that can be fetched by global id. */
export const NODE_TYPES = ['Article', 'Topic', 'Organisation', 'Place', 'Person', 'Source', 'Channel'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

@InterfaceType({
  description: 'An object with a global id, fetchable with `node(id:)` (Relay Global Object Identification).',
  // Rows are hydrated into their entity classes, and class names are the GraphQL type names.
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; stable across re-ingests of the same content.' })
  id!: string;
}

/** Global ids are base64url of `Type:databaseId`: opaque to clients, cheap to decode. */
export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function fromGlobalId(globalId: string, argument = 'id'): { type: NodeType; id: number } {
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  const type = match?.[1] ?? '';
  const numeric = Number(match?.[2]);
  if (!(NODE_TYPES as readonly string[]).includes(type) || !Number.isSafeInteger(numeric)) {
    throw new BadUserInput(`${argument} "${globalId}" is not a Quipu global id (take ids from the API's \`id\` fields)`, argument);
  }
  return { type: type as NodeType, id: numeric };
}
