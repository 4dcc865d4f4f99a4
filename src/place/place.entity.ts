import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';
import { Organisation } from '../organisation/organisation.entity';
import { PlaceKind } from './place-kind';

registerEnumType(PlaceKind, {
  name: 'PlaceKind',
  description: 'Where a place sits in the hierarchy country ⊃ region ⊃ province ⊃ district, town or site.',
  valuesConfig: {
    COUNTRY: { description: 'A sovereign country.' },
    REGION: { description: 'A first-level subdivision: a Peruvian region, a Canadian province.' },
    PROVINCE: { description: 'A second-level subdivision: a Peruvian province.' },
    DISTRICT: { description: 'A third-level subdivision: a Peruvian district (distrito), with its ubigeo code.' },
    TOWN: { description: 'A town or city that is not itself a district in the catalogue.' },
    MINE_SITE: { description: 'A mine or a mining project site.' },
    NATURAL_AREA: { description: 'A natural region such as a forest, river basin or mountain range.' },
  },
});

@Entity('place')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A country, region, province, town, mine site or natural area. Places form a tree.' })
export class Place {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name, e.g. `cajamarca`.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'Canonical name, with its diacritics.' })
  name!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other names: spellings with and without diacritics, Spanish names, demonyms.' })
  aliases!: string[];

  /** The aliases column as read by the query layer, parsed only when `aliases` is asked for. */
  aliasesJson?: string;

  @Column('varchar')
  @Field(() => PlaceKind, { description: 'Its level in the hierarchy.' })
  kind!: PlaceKind;

  @Column('integer', { name: 'parent_id', nullable: true })
  @Index('place_parent')
  parentId!: number | null;

  @ManyToOne(() => Place, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Place;

  @Column('real', { nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude in decimal degrees (WGS 84), approximate.' })
  latitude!: number | null;

  @Column('real', { nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude in decimal degrees (WGS 84), approximate.' })
  longitude!: number | null;

  @Column('varchar', { nullable: true })
  @Index('place_ubigeo', { unique: true })
  @Field(() => String, {
    nullable: true,
    description: "INEI's six-digit ubigeo code of a Peruvian region (department), province or district, e.g. `080000` for Cusco; null for other places.",
  })
  ubigeo!: string | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'One line saying what the place is, where the catalogue gives one (mine sites, projects).' })
  description!: string | null;

  @Column('integer', { name: 'operator_id', nullable: true })
  @Index('place_operator')
  operatorId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Organisation;

  /** Folded name and aliases for name search; not part of the API. */
  @Column('varchar', { name: 'search_key' })
  searchKey!: string;

  @Column('integer', { default: 1 })
  @Field(() => Int, { description: "Goes up by one with every write to this place: an editor's change names the version it was made on (`expectedVersion`)." })
  version!: number;

  /** When an editor made or last changed it; null while it is as the catalogue's files have it (their upsert leaves an edited row alone). */
  @Column('varchar', { name: 'edited_at', nullable: true })
  editedAt!: string | null;
}
