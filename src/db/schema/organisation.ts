/** Tables of the module — Giới thiệu (organisation, with English pages), satisfaction ratings, visitor counter, downtime notices and related links. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrganisationTables {}
