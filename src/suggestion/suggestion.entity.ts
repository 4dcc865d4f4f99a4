import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Article } from '../article/article.entity';

/**
 * One name in one article that no catalogue entry matched (ingest/suggest.ts), as ingest stored it.
 * Query.entitySuggestions groups them by `formKey`; the rows of an article are replaced whenever
 * its links are.
 */
@Entity('entity_suggestion')
@Index('entity_suggestion_form', ['formKey', 'articleId'])
export class SuggestionRow {
  @PrimaryColumn('integer', { name: 'article_id' })
  articleId!: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;

  @PrimaryColumn('varchar')
  field!: string;

  @PrimaryColumn('integer')
  offset!: number;

  @Column('integer')
  length!: number;

  @Column('varchar')
  text!: string;

  /** The name folded as the matcher folds it: the forms of one name share it. */
  @Column('varchar', { name: 'form_key' })
  formKey!: string;

  @Column('varchar')
  kind!: string;

  @Column('varchar')
  reason!: string;
}
