/** Tables of the module — Lịch công tác and lịch tiếp công dân. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CalendarTables {}
