import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';

@Entity('person')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person the news is about.' })
export class Person {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name, e.g. `alberto-fujimori`.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'Canonical full name.' })
  name!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other names the news uses for this person (surname alone, initials).' })
  aliases!: string[];

  /** The aliases column as read by the query layer, parsed only when `aliases` is asked for. */
  aliasesJson?: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Who the person is, in one sentence.' })
  description!: string | null;

  /** Folded name and aliases for name search; not part of the API. */
  @Column('varchar', { name: 'search_key' })
  searchKey!: string;

  @Column('integer', { default: 1 })
  @Field(() => Int, { description: "Goes up by one with every write to this person: an editor's change names the version it was made on (`expectedVersion`)." })
  version!: number;

  /** When an editor made or last changed it; null while it is as the catalogue's files have it (their upsert leaves an edited row alone). */
  @Column('varchar', { name: 'edited_at', nullable: true })
  editedAt!: string | null;
}
