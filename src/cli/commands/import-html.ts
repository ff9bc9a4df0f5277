import fs from 'node:fs';
import path from 'node:path';
import { type HtmlPreview, type HtmlSource, importHtmlPages } from '../../services/import/html/html-import.ts';
import { PoliteFetcher } from '../../services/import/polite-fetch.ts';
import { formatDate, formatNumber } from '../../text/format.ts';
import { encodingLabel } from '../../text/legacy-encoding.ts';
import { ProgressBar } from '../progress.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';
import { findSite } from '../sites.ts';

/** The pages a FILE or DIR names: the file itself, or every .htm/.html file under the folder. */
function pagesOf(target: string): HtmlSource[] {
  if (!fs.existsSync(target)) throw new UsageError(`Không có tệp hay thư mục "${target}".`);
  if (fs.statSync(target).isFile()) return [{ file: target, root: path.dirname(path.resolve(target)) }];
  const root = path.resolve(target);
  return fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => /\.html?$/i.test(f))
    .sort()
    .map((f) => ({ file: path.join(root, f), root }));
}

/** The addresses a --urls LIST file names, one a line; blank lines and # comments ignored. */
function urlsOf(list: string): HtmlSource[] {
  if (!fs.existsSync(list)) throw new UsageError(`Không có tệp danh sách địa chỉ "${list}".`);
  const lines = fs
    .readFileSync(list, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const bad = lines.find((l) => !/^https?:\/\/\S+$/i.test(l));
  if (bad) throw new UsageError(`Dòng "${bad}" trong ${list} không phải địa chỉ http(s).`);
  return lines.map((url) => ({ url }));
}

/** What a dry run prints for one page. */
export function previewLines(preview: HtmlPreview): string[] {
  if ('error' in preview) return [`${preview.source}: BỎ QUA – ${preview.error}`];
  const p = preview.page;
  return [
    `${preview.source} (${p.method}, ${encodingLabel(p.encoding === 'windows-1258' ? 'utf-8' : p.encoding)}${p.encoding === 'windows-1258' ? ' từ Windows-1258' : ''}):`,
    `  Tiêu đề: ${p.title}`,
    `  Ngày đăng: ${p.date ? formatDate(p.date) : '(không thấy, sẽ lấy ngày nhập)'}`,
    `  Tin: ${p.credits?.writer || '–'}; Ảnh: ${p.credits?.photographer || '–'}`,
    `  Nội dung: ${formatNumber(p.bodyHtml.replace(/<[^>]+>/g, '').length)} ký tự, ${p.images.length} ảnh, ${p.files.length} tệp đính kèm`,
    `  Địa chỉ cũ: ${p.oldUrl ?? '–'}`,
    `  Bỏ ra (phần khung của cổng cũ): ${p.leftOut.join(', ') || '–'}`,
  ];
}

/** `xaphuong import-html FILE|DIR... | --urls LIST  --site HOST [--category SLUG] [--dry-run] [--offline] [--delay MS]` */
export async function importHtmlCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(
    'import-html',
    args,
    {
      site: { type: 'string' },
      urls: { type: 'string' },
      category: { type: 'string', default: 'tin-tuc' },
      'dry-run': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      delay: { type: 'string', default: '1000' },
    },
    true,
  );
  if (positionals.length > 0 === (values.urls !== undefined))
    throw new UsageError('Cần TỆP hoặc THƯ_MỤC trang đã lưu, hoặc --urls DANH_SÁCH (một trong hai): npx xaphuong import-html TỆP|THƯ_MỤC --site TÊN_MIỀN');
  const delay = Number(values.delay);
  if (!Number.isInteger(delay) || delay < 0) throw new UsageError('--delay phải là số mili giây, ví dụ 1000.');
  if (values.urls && values.offline) throw new UsageError('--urls cần tải trang: bỏ --offline.');
  const sources = values.urls ? urlsOf(values.urls) : positionals.flatMap(pagesOf);
  if (sources.length === 0) throw new UsageError('Không có trang .html nào để nhập.');
  const { handle, media } = await openRuntime();
  try {
    const site = await findSite(handle.db, values.site);
    const bar = new ProgressBar(values['dry-run'] ? 'Đọc thử' : 'Nhập', 'trang');
    const result = await importHtmlPages(handle.db, sources, {
      siteId: site.id,
      storage: media,
      fetcher: values.offline ? null : new PoliteFetcher({ delayMs: delay }),
      categorySlug: values.category,
      dryRun: values['dry-run'],
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.done(sources.length, sources.length);
    if (values['dry-run']) {
      console.log(`Đọc thử ${formatNumber(sources.length)} trang (chưa ghi gì vào "${site.name}"):`);
      for (const preview of result.previews) for (const line of previewLines(preview)) console.log(line);
    } else {
      console.log(`Nhập trang cổng cũ vào "${site.name}" xong (${formatNumber(sources.length)} trang):`);
      for (const line of result.report.lines()) console.log(line);
    }
  } finally {
    await media.close();
    await handle.close();
  }
}
