import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ImportRow } from '../../db/schema/relief.ts';
import { AppError, validationError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefImportRepository } from '../../repositories/relief-import-repository.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import type { MediaStorage } from '../storage/media-storage.ts';
import { type ColumnMap, type DetectedColumns, type RememberedMapping, STATEMENT_FIELDS, detectColumns, isUsable } from './bank-columns.ts';
import { loadCampaign, who } from './campaigns.ts';
import { type Cell, type FileRow, cellText, detectFormat, readFirstBytes, readHead } from './statement-file.ts';
import { StatementRowError, readStatementRow } from './statement-rows.ts';

/** Largest statement file accepted: about a million rows of CSV. */
export const MAX_STATEMENT_BYTES = 200 * 1024 * 1024;
/** Rows looked at to find the header under the title rows. */
const HEAD_ROWS = 40;

/** The mapping an import reads its file with: where the header is, and which column holds what. */
export interface ImportMapping {
  headerRow: number;
  columns: ColumnMap;
  headers: string[];
}

/** Who starts an import: a newsroom user, or the command line. */
export type ImportActor = { actor: Actor } | { system: string; siteId: number };

export const siteOfActor = (by: ImportActor) => ('actor' in by ? by.actor.siteId : by.siteId);
export const auditWho = (by: ImportActor): AuditWho => ('actor' in by ? who(by.actor) : { system: by.system, siteId: by.siteId });
export const userOf = (by: ImportActor) => ('actor' in by ? by.actor.userId : null);

/** Where a site's uploaded statement waits: a private key no public route serves. */
export function importKey(siteId: number, storedName: string): string {
  return `private/imports/${siteId}/${storedName}`;
}

/** The mapping a job holds, or null before one was found. */
export function jobMapping(job: Pick<ImportRow, 'mapping'>): ImportMapping | null {
  return job.mapping ? (JSON.parse(job.mapping) as ImportMapping) : null;
}

/** An import of the site, or not_found. */
export async function loadImport(db: Kysely<Database>, siteId: number, id: number): Promise<ImportRow> {
  const job = await new ReliefImportRepository(db, siteId).find(id);
  if (!job) throw new AppError('not_found', 'Không tìm thấy lần nhập sao kê.');
  return job;
}

/** Copies a file or an upload stream into the private folder, refusing one past the size limit. */
async function storeFile(source: NodeJS.ReadableStream, target: string): Promise<number> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > MAX_STATEMENT_BYTES)
        done(new AppError('payload_too_large', `Tệp sao kê lớn quá ${MAX_STATEMENT_BYTES / 1024 / 1024} MB.`, [{ field: 'file', message: 'tệp quá lớn' }]));
      else done(null, chunk);
    },
  });
  await pipeline(source, limit, fs.createWriteStream(target));
  return bytes;
}

/**
 * Takes a statement file for a campaign: stores it, finds its header row and
 * columns (as remembered for the account, else from the banks' names), and
 * makes a job to preview. Nothing enters the ledger yet.
 */
export async function uploadStatement(
  db: Kysely<Database>,
  by: ImportActor,
  storage: MediaStorage,
  input: { campaignId: number; accountId: number | null; fileName: string; source: NodeJS.ReadableStream },
): Promise<ImportRow> {
  const siteId = siteOfActor(by);
  if ('actor' in by && !can(by.actor, 'relief.edit')) throw new AppError('forbidden');
  const campaign = await loadCampaign(db, siteId, input.campaignId);
  const accounts = await new ReliefCampaignRepository(db, siteId).campaignAccounts(campaign.id);
  const account = input.accountId === null ? (accounts.length === 1 ? accounts[0]! : null) : accounts.find((a) => a.id === input.accountId);
  if (input.accountId !== null && !account) throw validationError([{ field: 'account_id', message: 'chọn một tài khoản của cuộc vận động' }]);
  if (!account && accounts.length > 1) throw validationError([{ field: 'account_id', message: 'cuộc vận động có nhiều tài khoản: chọn tài khoản của sao kê' }]);
  const storedName = randomBytes(12).toString('hex');
  const key = importKey(siteId, storedName);
  // The upload is checked in a temporary file, then stored: the storage only ever holds whole statements.
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-statement-'));
  const file = path.join(temp, storedName);
  try {
    const byteSize = await storeFile(input.source, file);
    if (byteSize === 0) throw validationError([{ field: 'file', message: 'tệp rỗng' }]);
    const format = detectFormat(readFirstBytes(file, 8));
    const head = await readHead(file, format, HEAD_ROWS);
    await storage.putFile(key, file);
    const remembered = account?.column_mapping ? (JSON.parse(account.column_mapping) as RememberedMapping) : null;
    const detected = detectColumns(
      head.map((r) => r.cells.map(cellText)),
      remembered,
    );
    const now = nowIso();
    const id = await inTransaction(db, async (trx) => {
      const jobId = await new ReliefImportRepository(trx, siteId).insert({
        campaign_id: campaign.id,
        account_id: account?.id ?? null,
        file_name: input.fileName.normalize('NFC').slice(0, 200),
        stored_name: storedName,
        format,
        byte_size: byteSize,
        mapping: detected ? JSON.stringify(toMapping(detected)) : '',
        status: 'previewed',
        created_by: userOf(by),
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, auditWho(by), {
        action: 'relief.import_uploaded',
        targetType: 'relief_import',
        targetId: jobId,
        summary: `${input.fileName} → ${campaign.title}`,
      });
      return jobId;
    });
    return loadImport(db, siteId, id);
  } catch (error) {
    await storage.delete(key);
    throw error;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

const toMapping = (d: DetectedColumns): ImportMapping => ({ headerRow: d.headerRow, columns: d.columns, headers: d.headers });

/** One row of the preview: what it will become, or why it is passed over or refused. */
export interface PreviewRow {
  number: number;
  cells: string[];
  outcome:
    | { kind: 'receipt'; day: string; time: string; amount: number; donor: string; note: string; ref: string }
    | { kind: 'skip'; reason: string }
    | { kind: 'error'; message: string };
}

export interface ImportPreview {
  /** The first rows of the file as they are, to choose the header from. */
  head: FileRow[];
  mapping: ImportMapping | null;
  rows: PreviewRow[];
}

const SKIP_REASONS = { blank: 'dòng trống', out: 'tiền ra hoặc bằng 0: không phải khoản thu', total: 'dòng tổng cộng' } as const;

/** The first rows after the header, as they will be imported: for the newsroom to check before importing. */
export async function previewImport(db: Kysely<Database>, siteId: number, storage: MediaStorage, job: ImportRow, count = 15): Promise<ImportPreview> {
  const head = await storage.withLocalFile(importKey(siteId, job.stored_name), (file) => readHead(file, job.format, HEAD_ROWS + count));
  const mapping = jobMapping(job);
  const rows: PreviewRow[] = [];
  if (mapping) {
    for (const row of head.filter((r) => r.number > mapping.headerRow).slice(0, count))
      rows.push({ number: row.number, cells: row.cells.map(cellText), outcome: previewOutcome(row.cells, mapping, row.number, job.account_id) });
  }
  return { head: head.slice(0, HEAD_ROWS), mapping, rows };
}

function previewOutcome(cells: Cell[], mapping: ImportMapping, rowNumber: number, accountId: number | null): PreviewRow['outcome'] {
  try {
    const read = readStatementRow(cells, mapping.columns, rowNumber, accountId);
    if (read.kind === 'skip') return { kind: 'skip', reason: SKIP_REASONS[read.reason] };
    const v = read.values;
    return { kind: 'receipt', day: v.received_on, time: v.received_time, amount: v.amount, donor: v.donor_name, note: v.note, ref: v.bank_ref };
  } catch (error) {
    if (error instanceof StatementRowError) return { kind: 'error', message: error.fields[0]?.message ?? error.message };
    throw error;
  }
}

/** Corrects the header row and columns of a job before it runs; the form names each field's column (0-based, '' for none). */
export async function setImportMapping(db: Kysely<Database>, actor: Actor, storage: MediaStorage, jobId: number, form: Record<string, unknown>): Promise<void> {
  if (!can(actor, 'relief.edit')) throw new AppError('forbidden');
  const job = await loadImport(db, actor.siteId, jobId);
  if (job.status !== 'previewed' && job.status !== 'failed') throw new AppError('invalid_transition', 'Lần nhập này đã chạy.');
  const headerRow = Number(form.header_row);
  if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > HEAD_ROWS)
    throw validationError([{ field: 'header_row', message: `chọn dòng tiêu đề trong ${HEAD_ROWS} dòng đầu` }]);
  const head = await storage.withLocalFile(importKey(actor.siteId, job.stored_name), (file) => readHead(file, job.format, headerRow));
  const headers = (head[headerRow - 1]?.cells ?? []).map(cellText);
  const columns: ColumnMap = {};
  for (const field of STATEMENT_FIELDS) {
    const raw = form[`col_${field}`];
    if (raw === '' || raw === undefined) continue;
    const index = Number(raw);
    if (!Number.isInteger(index) || index < 0 || index >= Math.max(headers.length, 1))
      throw validationError([{ field: `col_${field}`, message: 'cột không có trong dòng tiêu đề' }]);
    columns[field] = index;
  }
  if (!isUsable(columns)) throw validationError([{ field: 'col_date', message: 'cần chọn cột ngày giao dịch và cột số tiền ghi có (hoặc số tiền)' }]);
  await inTransaction(db, async (trx) => {
    await new ReliefImportRepository(trx, actor.siteId).update(job.id, {
      mapping: JSON.stringify({ headerRow, columns, headers }),
      status: 'previewed',
      updated_at: nowIso(),
    });
    await recordAudit(trx, who(actor), { action: 'relief.import_mapping_changed', targetType: 'relief_import', targetId: job.id, summary: job.file_name });
  });
}
