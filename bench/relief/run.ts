/**
 * The relief statement benchmark (part of `npm run bench`): a 200,000-row bank
 * statement imported and confirmed through the product's own import, then the
 * public statement searched as residents search it (a name with or without
 * diacritics, an amount or a range, days, a bank reference), each query
 * through the product and through a plain LIKE scan of the same rows in the
 * same run. Prints p50/p95 per class and overall with the ratio to the scan,
 * and writes bench/results/relief-<dialect>.json. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, type DialectName, openPostgres, openSqlite } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { ReliefCampaignRow } from '../../src/db/schema/relief.ts';
import { ReliefStatementRepository } from '../../src/repositories/relief-statement-repository.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseAccountForm, parseCampaignForm, saveAccount, saveCampaign, setCampaignStatus } from '../../src/services/relief/campaigns.ts';
import { uploadStatement } from '../../src/services/relief/statement-import.ts';
import { confirmImport, runImport } from '../../src/services/relief/statement-run.ts';
import { searchStatement, statementFilter } from '../../src/services/relief/statement.ts';
import { createSite } from '../../src/services/site-service.ts';
import { createUser } from '../../src/services/users/user-service.ts';
import { intEnv } from '../machine.ts';
import { startPostgres } from '../postgres.ts';
import { Rng } from '../prng.ts';
import { ms, num, pad, ratio, secs } from '../search-report.ts';
import { latencyStats } from '../stats.ts';
import { type Donation, QUERY_CLASSES, type QueryClass, makeQueries, writeStatement } from './statement.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const ROWS = intEnv('BENCH_RELIEF_ROWS', 200_000, 100);
const PER_CLASS = intEnv('BENCH_RELIEF_QUERIES', 30);
const SEED = intEnv('BENCH_SEED', 20_260_101, 0);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as DialectName[];
const TARGET_P95_MS = 50;
const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function staff(handle: DatabaseHandle, siteId: number): Promise<{ editor: Actor; approver: Actor }> {
  const make = async (role: 'editor' | 'approver') => {
    const user = await createUser(
      handle.db,
      { email: `${role}@bench.test`, displayName: role, password: 'mat-khau-du-dai', role, siteId },
      { system: 'bench', siteId },
    );
    return { userId: user.id, email: user.email, displayName: role, role, isPlatformAdmin: false, siteId, ip: '' } satisfies Actor;
  };
  return { editor: await make('editor'), approver: await make('approver') };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function runDialect(dialect: DialectName, file: string, donations: Donation[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-relief-bench-'));
  const server = dialect === 'postgres' ? await startPostgres() : null;
  const handle = server ? openPostgres(server.url, 4) : openSqlite(path.join(dir, 'bench.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const site = await createSite(handle.db, { name: 'Phường Đo', unitType: 'phuong', province: 'Đồng Tháp', hosts: ['do.bench'] });
    const people = await staff(handle, site.id);
    const account = await saveAccount(
      handle.db,
      people.editor,
      null,
      parseAccountForm({ bank_name: 'Vietcombank', account_number: '0011000123456', account_name: 'Ủy ban MTTQ' }),
    );
    const { id } = await saveCampaign(
      handle.db,
      people.editor,
      null,
      parseCampaignForm({ title: 'Cứu trợ bão lũ 2024', purpose: 'Đo', starts_on: '01/09/2024', account_ids: String(account.id) }),
    );
    await setCampaignStatus(handle.db, people.approver, id, 'open');
    const job = await uploadStatement(handle.db, { actor: people.editor }, new LocalStorage(dir), {
      campaignId: id,
      accountId: account.id,
      fileName: 'sao-ke.csv',
      source: fs.createReadStream(file),
    });
    let peakHeap = 0;
    const [done, importMs] = await timed(() =>
      runImport(handle.db, { actor: people.editor }, new LocalStorage(dir), job.id, () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed))),
    );
    if (done.status !== 'done') throw new Error(done.error_message);
    const [, confirmMs] = await timed(() => confirmImport(handle.db, people.approver, job.id));
    // What autovacuum and PRAGMA optimize would do in production.
    await (dialect === 'postgres' ? sql`vacuum analyze`.execute(handle.db) : sql`analyze`.execute(handle.db));
    log(`${dialect}: nhập ${num(ROWS, 0)} dòng trong ${secs(importMs / 1000)}, xác nhận trong ${secs(confirmMs / 1000)}`);
    const campaign = (await handle.db.selectFrom('relief_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ReliefCampaignRow;
    const queries = makeQueries(new Rng(SEED), donations, PER_CLASS);
    const repo = new ReliefStatementRepository(handle.db);
    const product: Record<string, number[]> = {};
    const baseline: Record<string, number[]> = {};
    for (const q of queries.slice(0, 10)) await searchStatement(handle.db, campaign, q.query, 1);
    for (const q of queries) {
      const [found, took] = await timed(() => searchStatement(handle.db, campaign, q.query, 1));
      const [scan, scanTook] = await timed(() => repo.likeScan({ ...statementFilter(id, q.query).filter, siteId: site.id }, 20, 0));
      if (found.rows.length === 0 && scan.total > 0 && q.cls !== 'name-accented' && q.cls !== 'name-unaccented')
        log(`  (${q.cls}: sản phẩm 0 kết quả, LIKE ${scan.total})`);
      (product[q.cls] ??= []).push(took);
      (baseline[q.cls] ??= []).push(scanTook);
    }
    const size = dialect === 'sqlite' ? fs.statSync(path.join(dir, 'bench.sqlite')).size : 0;
    return { dialect, rows: ROWS, importMs, confirmMs, peakHeapMb: peakHeap / 1048576, fileBytes: fs.statSync(file).size, size, product, baseline };
  } finally {
    await handle.close();
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: Awaited<ReturnType<typeof runDialect>>): { overallP95: number; met: boolean } {
  console.log(`\n== Sao kê vận động – cứu trợ, ${r.dialect}, ${num(r.rows, 0)} khoản ==`);
  console.log(
    `nhập: ${secs(r.importMs / 1000)} (${num(r.rows / (r.importMs / 1000), 0)} dòng/s, tệp ${num(r.fileBytes / 1048576, 1)} MB, heap cao nhất ${num(r.peakHeapMb, 0)} MB); xác nhận: ${secs(r.confirmMs / 1000)}`,
  );
  console.log(`${pad('loại', 18)} ${pad('p50', 10)} ${pad('p95', 24)} ${pad('LIKE p50', 12)} LIKE p95`);
  for (const cls of [...QUERY_CLASSES, 'overall'] as Array<QueryClass | 'overall'>) {
    const p = latencyStats(cls === 'overall' ? Object.values(r.product).flat() : (r.product[cls] ?? []));
    const b = latencyStats(cls === 'overall' ? Object.values(r.baseline).flat() : (r.baseline[cls] ?? []));
    console.log(`${pad(cls, 18)} ${pad(ms(p.p50), 10)} ${pad(`${ms(p.p95)} (${ratio(p.p95, b.p95)})`, 24)} ${pad(ms(b.p50), 12)} ${ms(b.p95)}`);
  }
  const overall = latencyStats(Object.values(r.product).flat());
  const base = latencyStats(Object.values(r.baseline).flat());
  const met = overall.p95 < TARGET_P95_MS;
  console.log(
    `p95 = ${ms(overall.p95)} = ${ratio(overall.p95, base.p95)} LIKE (${ms(base.p95)}); mục tiêu p95 < ${TARGET_P95_MS} ms: ${met ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
  );
  return { overallP95: overall.p95, met };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-relief-file-'));
try {
  const file = path.join(dir, 'sao-ke.csv');
  const donations = await writeStatement(file, ROWS, SEED);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const dialect of DIALECTS) {
    const result = await runDialect(dialect, file, donations);
    const summary = report(result);
    fs.writeFileSync(path.join(RESULTS_DIR, `relief-${dialect}.json`), `${JSON.stringify({ ...result, ...summary, targetP95Ms: TARGET_P95_MS }, null, 2)}\n`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
