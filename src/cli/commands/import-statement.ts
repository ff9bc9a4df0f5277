import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { AppError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { FIELD_NAMES, type StatementField } from '../../services/relief/bank-columns.ts';
import { jobMapping, uploadStatement } from '../../services/relief/statement-import.ts';
import { runImport } from '../../services/relief/statement-run.ts';
import { normalizeHost } from '../../services/site-service.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

const SYSTEM = 'dòng lệnh import-statement';

/**
 * `xaphuong import-statement FILE --site HOST --campaign SLUG [--account NUMBER]`:
 * reads a bank statement (CSV or XLSX) into a campaign as receipts waiting for
 * confirmation in the newsroom, with a progress bar; the same import the newsroom runs.
 */
export async function importStatementCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(
    'import-statement',
    args,
    { site: { type: 'string' }, campaign: { type: 'string' }, account: { type: 'string' } },
    true,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('Cần đúng một tệp sao kê (CSV hoặc XLSX).');
  if (!values.site || !values.campaign) throw new UsageError('Cần --site TÊN_MIỀN và --campaign ĐƯỜNG_DẪN_CUỘC_VẬN_ĐỘNG.');
  if (!fs.existsSync(file)) throw new UsageError(`Không có tệp "${file}".`);
  const { handle, media } = await openRuntime();
  try {
    const site = await new SiteRepository(handle.db).findByHost(normalizeHost(values.site));
    if (!site) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${values.site}".`);
    const campaigns = new ReliefCampaignRepository(handle.db, site.id);
    const campaign = await campaigns.findBySlug(values.campaign);
    if (!campaign) throw new AppError('not_found', `Cổng "${site.name}" không có cuộc vận động "${values.campaign}".`);
    let accountId: number | null = null;
    if (values.account) {
      const account = (await campaigns.campaignAccounts(campaign.id)).find((a) => a.account_number === values.account);
      if (!account) throw new AppError('not_found', `Cuộc vận động "${campaign.title}" không nhận ủng hộ qua tài khoản ${values.account}.`);
      accountId = account.id;
    }
    const by = { system: SYSTEM, siteId: site.id };
    const job = await uploadStatement(handle.db, by, media, {
      campaignId: campaign.id,
      accountId,
      fileName: path.basename(file),
      source: fs.createReadStream(file),
    });
    const mapping = jobMapping(job);
    if (!mapping)
      throw new AppError(
        'import_failed',
        'Không tìm thấy dòng tiêu đề có cột ngày giao dịch và số tiền ghi có: hãy chọn các cột trong trang quản trị (Nhập sao kê).',
      );
    const columns = Object.entries(mapping.columns).map(([field, index]) => `${FIELD_NAMES[field as StatementField]} = "${mapping.headers[index] ?? ''}"`);
    console.log(`Dòng tiêu đề: ${mapping.headerRow}. Cột: ${columns.join('; ')}.`);
    const bar = new cliProgress.SingleBar({ format: 'Đang nhập [{bar}] {percentage}% | {rows} dòng', hideCursor: true }, cliProgress.Presets.shades_classic);
    bar.start(job.byte_size, 0, { rows: 0 });
    const done = await runImport(handle.db, by, media, job.id, (p) => bar.update(p.bytes_read, { rows: p.rows_read.toLocaleString('vi-VN') }));
    bar.update(job.byte_size, { rows: done.rows_read.toLocaleString('vi-VN') });
    bar.stop();
    if (done.status === 'failed') throw new AppError('import_failed', done.error_message);
    const n = (x: number) => x.toLocaleString('vi-VN');
    console.log(
      `Đã nhập ${n(done.inserted)} khoản thu chờ xác nhận vào "${campaign.title}"; ${n(done.duplicates)} giao dịch trùng không nhập lại; ${n(done.skipped)} dòng bỏ qua (tiền ra, dòng tổng).`,
    );
    console.log(`Người có quyền xác nhận duyệt lần nhập này trong trang quản trị: /quan-tri/van-dong/${campaign.id}/nhap-sao-ke/${done.id}`);
  } finally {
    await media.close();
    await handle.close();
  }
}
