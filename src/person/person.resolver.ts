import { FieldResolver, Resolver, Root } from 'type-graphql';
import { createSubjectResolver } from '../subject/subject.resolver';
import { aliasesOf, subjectTables } from '../subject/subject-table';
import { Person } from './person.entity';

@Resolver(() => Person)
export class PersonResolver extends createSubjectResolver(subjectTables.PERSON, { one: 'person', many: 'people' }) {
  @FieldResolver(() => [String])
  aliases(@Root() person: Person): string[] {
    return aliasesOf(person);
  }
}
