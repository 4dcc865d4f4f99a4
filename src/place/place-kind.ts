/** Where a place sits in the hierarchy country ⊃ region ⊃ province ⊃ district, town or site. */
export enum PlaceKind {
  COUNTRY = 'COUNTRY',
  /** A first-level subdivision: a Peruvian region (departamento), a Canadian province. */
  REGION = 'REGION',
  /** A second-level subdivision: a Peruvian province. */
  PROVINCE = 'PROVINCE',
  /** A third-level subdivision: a Peruvian district (distrito). */
  DISTRICT = 'DISTRICT',
  TOWN = 'TOWN',
  /** A mine or a mining project site. */
  MINE_SITE = 'MINE_SITE',
  NATURAL_AREA = 'NATURAL_AREA',
}
