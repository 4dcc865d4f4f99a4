import { Resolver } from 'type-graphql';
import { subjectTables } from '../subject/subject-table';
import { createSubjectResolver } from '../subject/subject.resolver';
import { Person } from './person.entity';

@Resolver(() => Person)
export class PersonResolver extends createSubjectResolver(subjectTables.PERSON, { one: 'person', many: 'people' }) {}
