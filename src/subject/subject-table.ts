import { SubjectKind } from '../article/mention-kinds';
import type { NodeType } from '../graph/node';
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

function hydrator<T extends Subject>(Class: new () => T, jsonColumns: string[] = []) {
  return (row: Record<string, unknown>): T => {
    const entity = Object.assign(Object.create(Class.prototype) as T, row);
    for (const column of jsonColumns) (entity as Record<string, unknown>)[column] = JSON.parse(row[column] as string);
    return entity;
  };
}

export const subjectTables: { [K in SubjectKind]: SubjectTable } = {
  [SubjectKind.TOPIC]: {
    kind: SubjectKind.TOPIC,
    type: 'Topic',
    Class: Topic,
    table: 'topic',
    columns: 'e.id, e.slug, e.name, e.description, e.parent_id AS parentId',
    tree: true,
    hydrate: hydrator(Topic),
  },
  [SubjectKind.ORGANISATION]: {
    kind: SubjectKind.ORGANISATION,
    type: 'Organisation',
    Class: Organisation,
    table: 'organisation',
    columns: 'e.id, e.slug, e.name, e.aliases, e.kind, e.parent_id AS parentId, e.country, e.description',
    tree: false,
    hydrate: hydrator(Organisation, ['aliases']),
  },
  [SubjectKind.PLACE]: {
    kind: SubjectKind.PLACE,
    type: 'Place',
    Class: Place,
    table: 'place',
    columns: 'e.id, e.slug, e.name, e.aliases, e.kind, e.parent_id AS parentId, e.latitude, e.longitude',
    tree: true,
    hydrate: hydrator(Place, ['aliases']),
  },
  [SubjectKind.PERSON]: {
    kind: SubjectKind.PERSON,
    type: 'Person',
    Class: Person,
    table: 'person',
    columns: 'e.id, e.slug, e.name, e.aliases, e.description',
    tree: false,
    hydrate: hydrator(Person, ['aliases']),
  },
};

export const subjectKinds = Object.values(SubjectKind);

export function subjectTableOf(subject: Subject): SubjectTable {
  const table = Object.values(subjectTables).find((t) => subject instanceof t.Class);
  if (!table) throw new Error(`not a subject: ${subject.constructor.name}`);
  return table;
}
