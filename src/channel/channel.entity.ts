import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';

/**
 * A channel: a named, stored ArticleFilter ("mining in Cajamarca") that partner sites follow as a
 * GraphQL list, as feeds and as a widget. Channels are written from seeds/channels.yaml.
 */
@Entity('channel')
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A saved filter with a name: the same list of articles as GraphQL, as RSS, Atom and JSON Feed, and in the widget.',
})
export class Channel {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name, e.g. `mining-in-cajamarca`; the feeds are at /feeds/<slug>.rss and friends.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'Display name, e.g. "Mining in Cajamarca".' })
  title!: string;

  @Column('text')
  @Field({ description: 'What the channel follows, in a sentence or two.' })
  description!: string;

  /** The ArticleFilter as JSON text, checked against the API's rules when written (channel.seed.ts). */
  @Column('text', { name: 'filter' })
  filterJson!: string;
}
