import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../core/node';
import { OrganisationKind } from './organisation-kind';

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What sort of body an organisation is.',
  valuesConfig: {
    COMPANY: { description: 'A business, such as a mining company or its group.' },
    GOVERNMENT_BODY: { description: 'A ministry, agency or statistics office of a state.' },
    LEGISLATURE: { description: 'A parliament or congress.' },
    COURT: { description: 'A national or international court or tribunal.' },
    NGO: { description: 'A non-governmental organisation, campaign or monitoring project.' },
    THINK_TANK: { description: 'A policy research institute.' },
    INTERNATIONAL_BODY: { description: 'An intergovernmental organisation or one of its commissions.' },
    POLITICAL_GROUP: { description: 'A political party or movement.' },
    MEDIA: { description: 'A news outlet.' },
    TRADE_UNION: { description: 'A trade union or a confederation of unions.' },
    COMMUNITY_ORGANISATION: { description: 'An indigenous or campesino federation, a ronda campesina, a community defence front or another grassroots body.' },
    OTHER: { description: 'Anything else.' },
  },
});

@Entity('organisation')
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A company, public body, court, NGO, think tank or political group the news is about.' })
export class Organisation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { unique: true })
  @Field({ description: 'Stable, unique, URL-safe name, e.g. `southern-copper`.' })
  slug!: string;

  @Column('varchar')
  @Field({ description: 'Canonical name.' })
  name!: string;

  @Column('simple-json')
  @Field(() => [String], { description: 'Other names the news uses: acronyms, short and Spanish names.' })
  aliases!: string[];

  /** The aliases column as read by the query layer, parsed only when `aliases` is asked for. */
  aliasesJson?: string;

  @Column('varchar')
  @Field(() => OrganisationKind, { description: 'What sort of body it is.' })
  kind!: OrganisationKind;

  @Column('integer', { name: 'parent_id', nullable: true })
  @Index('organisation_parent')
  parentId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Organisation;

  @Column('varchar', { nullable: true })
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country it is based in.' })
  country!: string | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'What the organisation is, in one sentence.' })
  description!: string | null;

  /** Folded name and aliases for name search; not part of the API. */
  @Column('varchar', { name: 'search_key' })
  searchKey!: string;

  @Column('integer', { default: 1 })
  @Field(() => Int, { description: "Goes up by one with every write to this organisation: an editor's change names the version it was made on (`expectedVersion`)." })
  version!: number;

  /** When an editor made or last changed it; null while it is as the catalogue's files have it (their upsert leaves an edited row alone). */
  @Column('varchar', { name: 'edited_at', nullable: true })
  editedAt!: string | null;
}
