import { importTextPages } from '../../services/import/import-text.ts';
import { parseDisplayDate } from '../../text/format.ts';
import { encodingLabel } from '../../text/legacy-encoding.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';
import { findSite } from '../sites.ts';

/** `xaphuong import-text FILE... [--site HOST] [--category SLUG] [--date dd/mm/yyyy]` */
export async function importTextCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions(
    'import-text',
    args,
    { site: { type: 'string' }, category: { type: 'string', default: 'tin-tuc' }, date: { type: 'string' } },
    true,
  );
  if (positionals.length === 0) throw new UsageError('Cần ít nhất một tệp để nhập.');
  const date = values.date === undefined ? undefined : parseDisplayDate(values.date);
  if (date === null) throw new UsageError(`Ngày "${values.date}" không hợp lệ: hãy viết dd/mm/yyyy, ví dụ 13/01/2020.`);
  const { handle } = await openRuntime();
  try {
    const site = await findSite(handle.db, values.site);
    const results = await importTextPages(handle.db, positionals, { siteId: site.id, categorySlug: values.category, date });
    for (const r of results) {
      const converted = r.convertedFrom ? ` (đã chuyển từ ${encodingLabel(r.convertedFrom)} sang Unicode)` : '';
      console.log(`${r.created ? 'Đã nhập' : 'Đã cập nhật'}: ${r.file} → /bai-viet/${r.slug}${converted}`);
    }
  } finally {
    await handle.close();
  }
}
