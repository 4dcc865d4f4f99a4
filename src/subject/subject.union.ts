import { createUnionType, registerEnumType } from 'type-graphql';
import { ArticleField, Provenance, SubjectKind } from '../article/mention-kinds';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { Place } from '../place/place.entity';
import { Topic } from '../topic/topic.entity';

registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description: 'The kinds of thing an article can be linked to.',
  valuesConfig: {
    TOPIC: { description: 'A topic of the taxonomy.' },
    ORGANISATION: { description: 'An organisation of the gazetteer.' },
    PLACE: { description: 'A place of the gazetteer.' },
    PERSON: { description: 'A person of the gazetteer.' },
  },
});
registerEnumType(ArticleField, {
  name: 'ArticleField',
  description: 'The part of an article a piece of evidence was found in.',
  valuesConfig: {
    TITLE: { description: 'The title.' },
    SUMMARY: { description: 'The summary (first paragraph).' },
    BODY: { description: 'The body (paragraphs after the summary).' },
  },
});
registerEnumType(Provenance, {
  name: 'Provenance',
  description: 'Who made a link.',
  valuesConfig: {
    RULE: { description: 'An extraction rule: a taxonomy keyword or a gazetteer name matched the text.' },
    EDITOR: { description: 'An editor, by hand.' },
  },
});

export const SubjectUnion = createUnionType({
  name: 'Subject',
  description: 'Something an article is about: a topic, organisation, place or person.',
  types: () => [Topic, Organisation, Place, Person] as const,
  resolveType: (value) => value.constructor.name,
});
