import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SubjectKind } from '../article/mention-kinds';
import type { Context } from '../graph/context';
import { Organisation } from '../organisation/organisation.entity';
import { createSubjectResolver } from '../subject/subject.resolver';
import { aliasesOf, subjectTables } from '../subject/subject-table';
import { Place } from './place.entity';

@Resolver(() => Place)
export class PlaceResolver extends createSubjectResolver(subjectTables.PLACE, { one: 'place', many: 'places' }) {
  @FieldResolver(() => Place, { nullable: true, description: 'The place this one lies in; null for a country.' })
  parent(@Root() place: Place, @Ctx() ctx: Context) {
    return place.parentId == null ? null : ctx.subjects.byId.PLACE.load(place.parentId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The company that operates this mine site or project; null for other places.' })
  operator(@Root() place: Place, @Ctx() ctx: Context) {
    return place.operatorId == null ? null : ctx.subjects.byId.ORGANISATION.load(place.operatorId);
  }

  @FieldResolver(() => [Place], { description: 'The places directly inside this one, by name.' })
  children(@Root() place: Place, @Ctx() ctx: Context) {
    return ctx.subjects.children[SubjectKind.PLACE].load(place.id);
  }

  @FieldResolver(() => [String])
  aliases(@Root() place: Place): string[] {
    return aliasesOf(place);
  }
}
