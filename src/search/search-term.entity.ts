import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A word of a Spanish article, folded as the search index folds it, with its Snowball stem (ingest/search-terms.ts). */
@Entity('search_term')
@Index('search_term_stem', ['stem'])
export class SearchTerm {
  @PrimaryColumn('varchar')
  term!: string;

  @Column('varchar')
  stem!: string;
}
