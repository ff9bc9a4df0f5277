import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a campaign stands: a draft is seen only in the newsroom; open and closed campaigns are public. */
export type CampaignStatus = 'draft' | 'open' | 'closed';
/** A ledger row waits for an approver (pending) or is on the public record for good (confirmed). */
export type EntryStatus = 'pending' | 'confirmed';
/** Money, or goods counted in a unit with an estimated value. */
export type EntryKind = 'cash' | 'goods';
/** How a receipt came in. */
export type ReceiptChannel = 'cash' | 'transfer' | 'in_kind';

/** A bank account a site receives donations on (Ủy ban MTTQ, Hội Chữ thập đỏ…). */
export interface ReliefAccountsTable {
  id: Generated<number>;
  site_id: number;
  bank_name: string;
  account_number: string;
  account_name: string;
  /** JSON of the statement columns last confirmed for this account, or ''. */
  column_mapping: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** A mobilisation or relief campaign (cuộc vận động): "Ngày vì người nghèo 2019", "Cứu trợ bão lũ 2024". Days are yyyy-mm-dd. */
export interface ReliefCampaignsTable {
  id: Generated<number>;
  site_id: number;
  slug: string;
  title: string;
  purpose: string;
  starts_on: string;
  ends_on: string | null;
  /** đồng, or null when the campaign sets no target. */
  target_amount: number | null;
  status: CampaignStatus;
  published_at: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReliefCampaignAccountsTable {
  campaign_id: number;
  account_id: number;
}

/** One receipt: cash (amount in đồng) or goods (quantity in thousandths of the unit, amount their estimated value). */
export interface ReliefReceiptsTable {
  id: Generated<number>;
  site_id: number;
  campaign_id: number;
  account_id: number | null;
  kind: EntryKind;
  amount: number;
  quantity: Generated<number>;
  unit: Generated<string>;
  /** The unit folded ("kg gao"), what sums by unit group on. */
  unit_key: Generated<string>;
  donor_name: Generated<string>;
  /** 1 when the donor asked not to be named: the public record says "Ẩn danh". */
  anonymous: Generated<number>;
  received_on: string;
  /** HH:mm when the bank gave it, else ''. */
  received_time: Generated<string>;
  channel: ReceiptChannel;
  /** The bank's reference, upper case without spaces, or ''. */
  bank_ref: Generated<string>;
  /** "a{account}:{reference}" of a bank transaction, unique per site; null when there is none. */
  ref_key: string | null;
  note: Generated<string>;
  /** Folded donor, note and reference, for the newsroom's lists. */
  search_text: Generated<string>;
  status: EntryStatus;
  /** On a reversal: the row it cancels (its amount and quantity are that row's, negated). */
  reverses_id: number | null;
  /** On a replacement: the row whose corrected values it carries. */
  replaces_id: number | null;
  correction_reason: Generated<string>;
  import_id: number | null;
  created_by: number | null;
  created_at: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
}

/** The public statement's word index: one row per distinct folded word of a confirmed receipt. */
export interface ReliefReceiptWordsTable {
  campaign_id: number;
  word: string;
  received_on: string;
  receipt_id: number;
  amount: number;
}

/** One spending or support: cash or goods, to a category of beneficiary, or a house built or repaired. */
export interface ReliefSpendingTable {
  id: Generated<number>;
  site_id: number;
  campaign_id: number;
  kind: EntryKind;
  amount: number;
  quantity: Generated<number>;
  unit: Generated<string>;
  unit_key: Generated<string>;
  category: string;
  /** '' or a programme key (nha-tinh-thuong, nha-dai-doan-ket). */
  programme: Generated<string>;
  /** '' or built / repaired, for a house. */
  house_work: Generated<string>;
  house_count: Generated<number>;
  description: string;
  beneficiary_count: Generated<number>;
  spent_on: string;
  handover_on: string | null;
  status: EntryStatus;
  reverses_id: number | null;
  replaces_id: number | null;
  correction_reason: Generated<string>;
  created_by: number | null;
  created_at: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
}

/** A person a spending reached. Private: public pages show counts, and names only with consent. */
export interface ReliefBeneficiariesTable {
  id: Generated<number>;
  site_id: number;
  spending_id: number;
  full_name: string;
  address: Generated<string>;
  note: Generated<string>;
  consent_public: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Where an import job is: read and previewed, reading, moved into the ledger, failed; confirming and confirmed after. */
export type ImportStatus = 'previewed' | 'running' | 'done' | 'failed' | 'confirming' | 'confirmed';

/** One uploaded bank statement and its progress. */
export interface ReliefImportsTable {
  id: Generated<number>;
  site_id: number;
  campaign_id: number;
  account_id: number | null;
  file_name: string;
  stored_name: string;
  format: 'csv' | 'xlsx';
  byte_size: number;
  /** JSON of the column mapping used. */
  mapping: Generated<string>;
  status: ImportStatus;
  rows_read: Generated<number>;
  bytes_read: Generated<number>;
  inserted: Generated<number>;
  duplicates: Generated<number>;
  skipped: Generated<number>;
  confirmed: Generated<number>;
  error_code: Generated<string>;
  error_message: Generated<string>;
  error_row: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A statement row read from the file, waiting for the whole file to be read. */
export interface ReliefImportRowsTable {
  import_id: number;
  row_number: number;
  received_on: string;
  received_time: string;
  amount: number;
  donor_name: string;
  note: string;
  bank_ref: string;
  ref_key: string | null;
  search_text: string;
}

/** Tables of the module — Vận động – cứu trợ: campaigns, receipts, spending and the public statement. */
export interface ReliefTables {
  relief_accounts: ReliefAccountsTable;
  relief_campaigns: ReliefCampaignsTable;
  relief_campaign_accounts: ReliefCampaignAccountsTable;
  relief_receipts: ReliefReceiptsTable;
  relief_receipt_words: ReliefReceiptWordsTable;
  relief_spending: ReliefSpendingTable;
  relief_beneficiaries: ReliefBeneficiariesTable;
  relief_imports: ReliefImportsTable;
  relief_import_rows: ReliefImportRowsTable;
}

export type ReliefAccountRow = Selectable<ReliefAccountsTable>;
export type ReliefCampaignRow = Selectable<ReliefCampaignsTable>;
export type NewReliefCampaign = Insertable<ReliefCampaignsTable>;
export type ReceiptRow = Selectable<ReliefReceiptsTable>;
export type NewReceipt = Insertable<ReliefReceiptsTable>;
export type SpendingRow = Selectable<ReliefSpendingTable>;
export type NewSpending = Insertable<ReliefSpendingTable>;
export type BeneficiaryRow = Selectable<ReliefBeneficiariesTable>;
export type ImportRow = Selectable<ReliefImportsTable>;
export type NewImportRow = Insertable<ReliefImportRowsTable>;
