import { Field, Int, ObjectType } from 'type-graphql';
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

  @Column('integer', { default: 1 })
  @Field(() => Int, { description: "Goes up by one with every write to this topic: an editor's change names the version it was made on (`expectedVersion`)." })
  version!: number;

  /** When an editor made or last changed it; null while it is as the catalogue's files have it (their upsert leaves an edited row alone). */
  @Column('varchar', { name: 'edited_at', nullable: true })
  editedAt!: string | null;
}
