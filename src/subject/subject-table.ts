import { SubjectKind } from '../article/mention-kinds';
import type { NodeType } from '../core/node';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { Topic } from '../topic/topic.entity';

export type Subject = Topic | Organisation | Place | Person;

/** How each subject kind is stored and read: the one place that knows tables and columns. */
export interface SubjectTable<T extends Subject = Subject> {
  kind: SubjectKind;
  type: NodeType;
  Class: new () => T;
  table: string;
  /** Select list (alias `e`) that yields the entity's property names. */
  columns: string;
  /** Filtering by a tree subject includes its descendants (a region finds its towns). */
  tree: boolean;
  hydrate(row: Record<string, unknown>): T;
}

/**
 * Rows become instances of their entity class (the class name tells GraphQL the type). JSON columns
 * (aliases) stay raw here and are parsed by their field resolver, only when a query asks for them.
 */
function hydrator<T extends Subject>(Class: new () => T) {
  const prototype = Class.prototype as object;
  return (row: Record<string, unknown>): T => Object.assign(Object.create(prototype) as T, row);
}

export const subjectTables: { [K in SubjectKind]: SubjectTable } = {
  [SubjectKind.TOPIC]: {
    kind: SubjectKind.TOPIC,
    type: 'Topic',
    Class: Topic,
    table: 'topic',
    columns: 'e.id, e.slug, e.name, e.description, e.parent_id AS parentId, e.version',
    tree: true,
    hydrate: hydrator(Topic),
  },
  [SubjectKind.ORGANISATION]: {
    kind: SubjectKind.ORGANISATION,
    type: 'Organisation',
    Class: Organisation,
    table: 'organisation',
    columns: 'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.kind, e.parent_id AS parentId, e.country, e.description, e.version',
    tree: false,
    hydrate: hydrator(Organisation),
  },
  [SubjectKind.PLACE]: {
    kind: SubjectKind.PLACE,
    type: 'Place',
    Class: Place,
    table: 'place',
    columns:
      'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.kind, e.parent_id AS parentId, e.latitude, e.longitude, e.ubigeo, e.description, e.operator_id AS operatorId, e.version',
    tree: true,
    hydrate: hydrator(Place),
  },
  [SubjectKind.PERSON]: {
    kind: SubjectKind.PERSON,
    type: 'Person',
    Class: Person,
    table: 'person',
    columns: 'e.id, e.slug, e.name, e.aliases AS aliasesJson, e.description, e.version',
    tree: false,
    hydrate: hydrator(Person),
  },
};

/** A subject's aliases, whether it came from TypeORM (parsed) or from the query layer (raw JSON). */
export function aliasesOf(subject: { aliases?: string[]; aliasesJson?: string }): string[] {
  return subject.aliases ?? (JSON.parse(subject.aliasesJson ?? '[]') as string[]);
}
