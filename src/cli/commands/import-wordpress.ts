import fs from 'node:fs';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { PoliteFetcher } from '../../services/import/polite-fetch.ts';
import { importWordpress } from '../../services/import/wordpress/wordpress-import.ts';
import { formatNumber } from '../../text/format.ts';
import { ProgressBar } from '../progress.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';
import { findSite } from '../sites.ts';

/** `xaphuong import-wordpress FILE.xml --site HOST [--media-dir DIR] [--offline] [--delay MS]` */
export async function importWordpressCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(
    'import-wordpress',
    args,
    {
      site: { type: 'string' },
      'media-dir': { type: 'string' },
      offline: { type: 'boolean', default: false },
      delay: { type: 'string', default: '500' },
    },
    true,
  );
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('Cần đúng một tệp xuất WordPress (.xml): npx xaphuong import-wordpress TỆP.xml --site TÊN_MIỀN');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`Không có tệp "${file}".`);
  const mediaDir = values['media-dir'];
  if (mediaDir && !fs.existsSync(mediaDir)) throw new UsageError(`Không có thư mục tệp "${mediaDir}".`);
  const delay = Number(values.delay);
  if (!Number.isInteger(delay) || delay < 0) throw new UsageError(`--delay phải là số mili giây, ví dụ 500.`);
  const { handle, media } = await openRuntime();
  try {
    const site = await findSite(handle.db, values.site);
    const check = new ProgressBar('Kiểm tra tệp', 'MB');
    const items = new ProgressBar('Nhập', 'mục');
    let checked = false;
    // As reindex does: the search index merges once at the end, not after every article.
    const search = new SearchRepository(handle.db);
    await search.beginBulk();
    const result = await importWordpress(handle.db, file, {
      siteId: site.id,
      storage: media,
      sourceMediaDir: mediaDir,
      fetcher: values.offline ? null : new PoliteFetcher({ delayMs: delay }),
      onProgress: (phase, done, total) => {
        if (phase === 'check') check.update(Math.round(done / 1e6), Math.round(total / 1e6));
        else {
          if (!checked) check.done(1, 1);
          checked = true;
          items.update(done, total);
        }
      },
    }).finally(() => search.optimize());
    items.done(result.total, result.total);
    if (result.resumedFrom > 0) console.log(`Đã tiếp tục lần nhập bị gián đoạn từ mục ${formatNumber(result.resumedFrom)}.`);
    console.log(`Nhập WordPress vào "${site.name}" xong (${formatNumber(result.total)} mục trong tệp):`);
    for (const line of result.report.lines()) console.log(line);
    console.log(`Bộ nhớ dùng nhiều nhất: ${formatNumber(Math.round(process.resourceUsage().maxRSS / 1024))} MB`);
  } finally {
    await media.close();
    await handle.close();
  }
}
