import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';

@Entity('source')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A publisher whose news Quipu carries.' })
export class Source {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'The publisher’s name, e.g. "Peru Support Group".' })
  name!: string;

  @Column('varchar')
  @Field({ description: 'The publisher’s home page.' })
  url!: string;
}
