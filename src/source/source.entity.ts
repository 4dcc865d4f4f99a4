import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';

/** The select list of a source row with its property names. */
export const SOURCE_COLUMNS =
  'id, name, url, feed_url AS feedUrl, format, last_fetched_at AS lastFetchedAt, last_error AS lastError, last_error_at AS lastErrorAt, items_seen AS itemsSeen, failures, next_fetch_at AS nextFetchAt';

@Entity('source')
@Index('source_feed_url', ['feedUrl'], { unique: true })
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

  @Column('varchar', { name: 'feed_url', nullable: true })
  @Field(() => String, { nullable: true, description: 'The feed Quipu reads the source from (RSS, Atom, JSON Feed or a news file); null for the seed’s files.' })
  feedUrl!: string | null;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'The format its feed was last read in: rss, atom, rdf, json or text (the seed’s format).' })
  format!: string | null;

  @Column('varchar', { name: 'last_fetched_at', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the feed was last fetched, whatever came of it.' })
  lastFetchedAt!: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  @Field(() => String, { nullable: true, description: 'What went wrong at the last fetch (the feed, or items of it, with their position); null when all went well.' })
  lastError!: string | null;

  @Column('varchar', { name: 'last_error_at', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: 'When that error happened.' })
  lastErrorAt!: string | null;

  @Column('integer', { name: 'items_seen', default: 0 })
  @Field(() => Int, { description: 'Distinct items read from the feed so far.' })
  itemsSeen!: number;

  @Column('integer', { default: 0 })
  @Field(() => Int, { description: 'Fetches that failed in a row (each doubles the wait before the next, up to a day).' })
  failures!: number;

  @Column('varchar', { name: 'next_fetch_at', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the server polls it next (with INGEST_INTERVAL set).' })
  nextFetchAt!: string | null;

  /** The feed's validators, sent back for a conditional GET. */
  @Column('varchar', { nullable: true })
  etag!: string | null;

  @Column('varchar', { name: 'last_modified', nullable: true })
  lastModified!: string | null;
}
