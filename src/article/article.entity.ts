import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';
import { LocalDate } from '../core/scalars';
import { Source } from '../source/source.entity';
import { ArticleKind } from './article-kind';

registerEnumType(ArticleKind, {
  name: 'ArticleKind',
  description: 'What an article is.',
  valuesConfig: {
    NEWS: { description: 'A dated news item.' },
    PAGE: { description: 'An undated standing page (aims, background).' },
  },
});

@Entity('article')
@Index('article_published_at', ['publishedAt', 'id'])
@Index('article_updated_at', ['updatedAt', 'id'])
// Expression indexes on the list orders' sort keys, created by a migration.
@Index('article_order_newest', { synchronize: false })
@Index('article_order_oldest', { synchronize: false })
@Index('article_order_title', { synchronize: false })
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A news item or standing page, with its text exactly as published.' })
export class Article {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name: `<date>-<title>` for news, `<title>` for pages.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'The title as published.' })
  title!: string;

  @Column('text')
  @Field({ description: 'The first paragraph as published.' })
  summary!: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The paragraphs after the summary, or null when there are none.' })
  body!: string | null;

  @Column('varchar')
  @Field(() => ArticleKind, { description: 'News item or standing page.' })
  kind!: ArticleKind;

  @Column('varchar', { name: 'published_at', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: 'Publication date (YYYY-MM-DD); null for pages.' })
  publishedAt!: string | null;

  @Column('varchar', { default: 'en' })
  @Field({ description: 'BCP 47 language tag of the text.' })
  language!: string;

  @Column('integer', { name: 'source_id' })
  sourceId!: number;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id' })
  source?: Source;

  @Column('varchar', { name: 'content_hash' })
  @Field({ description: 'SHA-256 of the kind, date, title, summary and body: changes exactly when the content does.' })
  contentHash!: string;

  @Column('varchar', { name: 'created_at' })
  @Field(() => DateTimeResolver, { description: 'When Quipu first stored the article.' })
  createdAt!: string;

  @Column('varchar', { name: 'updated_at' })
  @Field(() => DateTimeResolver, { description: 'When the stored content, or a link an editor made or removed, last changed.' })
  updatedAt!: string;

  @Column('integer', { default: 1 })
  @Field(() => Int, {
    description: "Goes up by one with every write to the article (its content or an editor's link): an editor's change names the version it was made on (`expectedVersion`).",
  })
  version!: number;

  /** When an editor made or last changed the text; null while it is as ingest stored it (ingest leaves an edited article alone). */
  @Column('varchar', { name: 'edited_at', nullable: true })
  editedAt!: string | null;
}
