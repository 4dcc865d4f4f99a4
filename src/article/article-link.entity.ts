import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Article } from './article.entity';
import { Provenance, SubjectKind } from './mention-kinds';

/**
 * One row per (article, subject) link, for all four subject kinds: one table keeps filters, facets
 * and co-occurrence queries uniform. The evidence travels with the link because it is always read
 * with it and never queried on its own.
 */
@Entity('article_link')
@Index('article_link_subject', ['subjectKind', 'subjectId', 'articleId'])
export class ArticleLink {
  @PrimaryColumn('integer', { name: 'article_id' })
  articleId!: number;

  @PrimaryColumn('varchar', { name: 'subject_kind' })
  subjectKind!: SubjectKind;

  @PrimaryColumn('integer', { name: 'subject_id' })
  subjectId!: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;

  @Column('real')
  relevance!: number;

  @Column('varchar')
  provenance!: Provenance;

  @Column('text')
  evidence!: string;

  /** For a link an editor made: `{ keyId, name, at }` as JSON; null for a rule's. */
  @Column('text', { nullable: true })
  editor!: string | null;
}
