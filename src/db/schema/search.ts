import type { Generated } from 'kysely';

/**
 * A province's own edits to the built-in list of abbreviations search reads:
 * a pair it adds (enabled 1) or a built-in pair it switches off (enabled 0).
 * Forms are stored as typed (NFC); `pair_key` is both forms folded to words,
 * so that one pair has one row however it was typed.
 */
export interface SearchAbbreviationsTable {
  id: Generated<number>;
  province: string;
  short_form: string;
  long_form: string;
  pair_key: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface SearchTables {
  search_abbreviations: SearchAbbreviationsTable;
}
