import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';

@Entity('topic')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A subject of the news (mining, human rights, ...). Topics form a tree.' })
export class Topic {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name, e.g. `mining`.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'Display name.' })
  name!: string;

  @Column('text')
  @Field({ description: 'What the topic covers, in one sentence.' })
  description!: string;

  @Column('integer', { name: 'parent_id', nullable: true })
  @Index('topic_parent')
  parentId!: number | null;

  @ManyToOne(() => Topic, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Topic;

  /** Folded name for name search; not part of the API. */
  @Column('varchar', { name: 'search_key' })
  searchKey!: string;
}
