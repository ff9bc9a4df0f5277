/** Tables of the module — Văn bản: the documents database (legal and administrative documents). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DocumentTables {}
