import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { ImportRow, NewImportRow } from '../../db/schema/relief.ts';
import { AppError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefImportRepository } from '../../repositories/relief-import-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { rememberMapping } from './bank-columns.ts';
import { who } from './campaigns.ts';
import { requireOtherPerson } from './entries.ts';
import { wordRows } from './receipts.ts';
import { ledgerChanged } from './relief-index.ts';
import { openStatement } from './statement-file.ts';
import { type ImportActor, auditWho, importKey, jobMapping, loadImport, siteOfActor } from './statement-import.ts';
import { StatementRowError, readStatementRow } from './statement-rows.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** Rows written to the waiting table per transaction, and receipts confirmed per transaction. */
const BATCH = 1000;
const CONFIRM_BATCH = 2000;

/** How far a job has come, for progress bars. */
export type ImportProgress = (job: Pick<ImportRow, 'rows_read' | 'bytes_read' | 'byte_size' | 'confirmed' | 'inserted'>) => void;

/**
 * Reads a previewed statement to its end, in bounded memory: rows go to the
 * waiting table a batch at a time, with the job's progress. Only when every
 * row was read do they move into the ledger, as pending receipts, in one
 * statement; a duplicate bank reference (in the file or already in the
 * ledger) is counted, not added. Any unreadable row fails the whole job with
 * its row number, and nothing reaches the ledger. Returns the finished job.
 */
export async function runImport(db: Kysely<Database>, by: ImportActor, storage: MediaStorage, jobId: number, onProgress?: ImportProgress): Promise<ImportRow> {
  return readClaimedImport(db, by, storage, await startImport(db, by, jobId), onProgress);
}

/** Claims a previewed (or failed) import for reading; the newsroom then reads it in the background. */
export async function startImport(db: Kysely<Database>, by: ImportActor, jobId: number): Promise<ImportRow> {
  const siteId = siteOfActor(by);
  if ('actor' in by && !can(by.actor, 'relief.edit')) throw new AppError('forbidden');
  const job = await loadImport(db, siteId, jobId);
  if (!jobMapping(job)) throw new AppError('import_failed', 'Chưa xác định được các cột của sao kê: hãy chọn dòng tiêu đề và các cột trước khi nhập.');
  if (!(await new ReliefImportRepository(db, siteId).claim(job.id, ['previewed', 'failed'], 'running', nowIso()))) {
    throw new AppError('invalid_transition', 'Lần nhập này đang chạy hoặc đã xong.');
  }
  return job;
}

/** Reads a claimed import to its end (see runImport); the stored statement is removed once its rows are in the ledger. */
export async function readClaimedImport(
  db: Kysely<Database>,
  by: ImportActor,
  storage: MediaStorage,
  job: ImportRow,
  onProgress?: ImportProgress,
): Promise<ImportRow> {
  const key = importKey(siteOfActor(by), job.stored_name);
  let opened = false;
  try {
    const done = await storage.withLocalFile(key, (file) => {
      opened = true;
      return readStatementFile(db, by, file, job, onProgress);
    });
    if (done.status === 'done') await storage.delete(key);
    return done;
  } catch (error) {
    if (opened) throw error;
    return fail(db, by, job, error, 0);
  }
}

async function readStatementFile(db: Kysely<Database>, by: ImportActor, file: string, job: ImportRow, onProgress?: ImportProgress): Promise<ImportRow> {
  const siteId = siteOfActor(by);
  const imports = new ReliefImportRepository(db, siteId);
  const mapping = jobMapping(job)!;
  const reader = openStatement(file, job.format);
  let rowsRead = 0;
  let accepted = 0;
  let skipped = 0;
  try {
    await imports.clearRows(job.id);
    let batch: NewImportRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await inTransaction(db, async (trx) => {
        await new ReliefImportRepository(trx, siteId).stageRows(rows);
        await new ReliefImportRepository(trx, siteId).update(job.id, { rows_read: rowsRead, bytes_read: reader.bytesRead(), updated_at: nowIso() });
      });
      onProgress?.({ rows_read: rowsRead, bytes_read: reader.bytesRead(), byte_size: job.byte_size, confirmed: 0, inserted: 0 });
    };
    for await (const row of reader.rows) {
      if (row.number <= mapping.headerRow) continue;
      rowsRead += 1;
      const read = readStatementRow(row.cells, mapping.columns, row.number, job.account_id);
      if (read.kind === 'skip') {
        if (read.reason !== 'blank') skipped += 1;
      } else {
        accepted += 1;
        batch.push({ ...read.values, import_id: job.id, row_number: row.number });
      }
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (accepted === 0) throw new AppError('import_failed', 'Không có khoản tiền vào nào dưới dòng tiêu đề: hãy kiểm tra dòng tiêu đề và cột số tiền ghi có.');
    return await finish(db, by, job, { rowsRead, accepted, skipped, bytes: reader.bytesRead() });
  } catch (error) {
    return fail(db, by, job, error, rowsRead);
  } finally {
    reader.close();
  }
}

/** Moves the waiting rows into the ledger and remembers the account's columns, in one transaction. */
async function finish(
  db: Kysely<Database>,
  by: ImportActor,
  job: ImportRow,
  counts: { rowsRead: number; accepted: number; skipped: number; bytes: number },
): Promise<ImportRow> {
  const siteId = siteOfActor(by);
  const mapping = jobMapping(job)!;
  await inTransaction(db, async (trx) => {
    const imports = new ReliefImportRepository(trx, siteId);
    const now = nowIso();
    const inserted = await imports.moveRowsToLedger(job, now);
    await imports.clearRows(job.id);
    await imports.update(job.id, {
      status: 'done',
      rows_read: counts.rowsRead,
      bytes_read: counts.bytes,
      inserted,
      duplicates: counts.accepted - inserted,
      skipped: counts.skipped,
      error_code: '',
      error_message: '',
      error_row: null,
      updated_at: now,
    });
    if (job.account_id !== null) {
      const remembered = rememberMapping({ headerRow: mapping.headerRow, headers: mapping.headers, columns: mapping.columns });
      await new ReliefCampaignRepository(trx, siteId).updateAccount(job.account_id, { column_mapping: JSON.stringify(remembered), updated_at: now });
    }
    await recordAudit(trx, auditWho(by), {
      action: 'relief.import_completed',
      targetType: 'relief_import',
      targetId: job.id,
      summary: `${job.file_name}: ${inserted} khoản chờ xác nhận, ${counts.accepted - inserted} trùng, ${counts.skipped} dòng bỏ qua`,
    });
  });
  return loadImport(db, siteId, job.id);
}

/** Records why a job failed, with nothing left waiting, and keeps the file so the mapping can be fixed and the job run again. */
async function fail(db: Kysely<Database>, by: ImportActor, job: ImportRow, error: unknown, rowsRead: number): Promise<ImportRow> {
  const siteId = siteOfActor(by);
  const known = error instanceof AppError;
  const message = known ? error.message : 'Hệ thống gặp lỗi khi đọc tệp. Vui lòng thử lại sau.';
  await inTransaction(db, async (trx) => {
    const imports = new ReliefImportRepository(trx, siteId);
    await imports.clearRows(job.id);
    await imports.update(job.id, {
      status: 'failed',
      rows_read: rowsRead,
      error_code: known ? error.code : 'internal',
      error_message: message,
      error_row: error instanceof StatementRowError ? error.row : null,
      updated_at: nowIso(),
    });
    await recordAudit(trx, auditWho(by), {
      action: 'relief.import_failed',
      targetType: 'relief_import',
      targetId: job.id,
      summary: `${job.file_name}: ${message}`,
    });
  });
  if (!known) throw error;
  return loadImport(db, siteId, job.id);
}

/**
 * Confirms every pending receipt of a finished import, a batch per
 * transaction so other writers are never held up long; each batch is audited.
 * Needs an approver who did not run the import. Returns how many were confirmed.
 */
export async function confirmImport(db: Kysely<Database>, actor: Actor, jobId: number, onProgress?: ImportProgress): Promise<number> {
  return confirmClaimedImport(db, actor, await startConfirm(db, actor, jobId), onProgress);
}

/** Claims a read import for confirmation, by an approver who did not run it. */
export async function startConfirm(db: Kysely<Database>, actor: Actor, jobId: number): Promise<ImportRow> {
  if (!can(actor, 'relief.confirm')) throw new AppError('forbidden');
  const job = await loadImport(db, actor.siteId, jobId);
  requireOtherPerson(actor, [{ ...job, status: 'pending', reverses_id: null, replaces_id: null }]);
  if (!(await new ReliefImportRepository(db, actor.siteId).claim(job.id, ['done', 'confirming'], 'confirming', nowIso()))) {
    throw new AppError('invalid_transition', 'Chỉ xác nhận được lần nhập đã đọc xong.');
  }
  return job;
}

/** Confirms a claimed import's receipts (see confirmImport). */
export async function confirmClaimedImport(db: Kysely<Database>, actor: Actor, job: ImportRow, onProgress?: ImportProgress): Promise<number> {
  const imports = new ReliefImportRepository(db, actor.siteId);
  let confirmed = job.confirmed;
  let afterId = 0;
  for (;;) {
    const done = await inTransaction(db, async (trx) => {
      const ledger = new ReliefLedgerRepository(trx, actor.siteId);
      const rows = await ledger.pendingOfImport(job.id, afterId, CONFIRM_BATCH);
      if (rows.length === 0) return true;
      requireOtherPerson(actor, rows);
      await ledger.confirmReceipts(
        rows.map((r) => r.id),
        actor.userId,
        nowIso(),
      );
      await ledger.insertWords(wordRows(rows));
      confirmed += rows.length;
      afterId = rows.at(-1)!.id;
      await new ReliefImportRepository(trx, actor.siteId).update(job.id, { confirmed, updated_at: nowIso() });
      await recordAudit(trx, who(actor), {
        action: 'relief.import_confirmed',
        targetType: 'relief_import',
        targetId: job.id,
        summary: `${job.file_name}: ${rows.length} khoản (đến nay ${confirmed})`,
      });
      await ledgerChanged(trx, actor.siteId);
      return false;
    });
    onProgress?.({ ...job, confirmed });
    if (done) break;
  }
  await imports.update(job.id, { status: 'confirmed', updated_at: nowIso() });
  return confirmed;
}
