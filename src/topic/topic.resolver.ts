import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { SubjectKind } from '../article/mention-kinds';
import type { Context } from '../graph/context';
import { createSubjectResolver } from '../subject/subject.resolver';
import { subjectTables } from '../subject/subject-table';
import { Topic } from './topic.entity';

@Resolver(() => Topic)
export class TopicResolver extends createSubjectResolver(subjectTables.TOPIC, { one: 'topic', many: 'topics' }) {
  @FieldResolver(() => Topic, { nullable: true, description: 'The broader topic; null for a top-level topic.' })
  parent(@Root() topic: Topic, @Ctx() ctx: Context) {
    return topic.parentId == null ? null : ctx.subjects.byId.TOPIC.load(topic.parentId);
  }

  @FieldResolver(() => [Topic], { description: 'The subtopics, by name.' })
  children(@Root() topic: Topic, @Ctx() ctx: Context) {
    return ctx.subjects.children[SubjectKind.TOPIC].load(topic.id);
  }
}
