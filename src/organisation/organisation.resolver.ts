import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graph/context';
import { createSubjectResolver } from '../subject/subject.resolver';
import { aliasesOf, subjectTables } from '../subject/subject-table';
import { Organisation } from './organisation.entity';

@Resolver(() => Organisation)
export class OrganisationResolver extends createSubjectResolver(subjectTables.ORGANISATION, {
  one: 'organisation',
  many: 'organisations',
}) {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation this one belongs to (a subsidiary’s group); null if none.' })
  parent(@Root() organisation: Organisation, @Ctx() ctx: Context) {
    return organisation.parentId == null ? null : ctx.subjects.byId.ORGANISATION.load(organisation.parentId);
  }

  @FieldResolver(() => [String])
  aliases(@Root() organisation: Organisation): string[] {
    return aliasesOf(organisation);
  }
}
