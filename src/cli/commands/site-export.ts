import { exportSite, importSite } from '../../services/export/site-export.ts';
import { exportWxr } from '../../services/export/wxr-export.ts';
import { formatNumber } from '../../text/format.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';
import { findSite } from '../sites.ts';

/** `xaphuong export-site --site HOST DIR|FILE.tar.gz [--with-passwords]` */
export async function exportSiteCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions('export-site', args, { site: { type: 'string' }, 'with-passwords': { type: 'boolean', default: false } }, true);
  if (!values.site || positionals.length !== 1)
    throw new UsageError('Cách dùng: npx xaphuong export-site --site TÊN_MIỀN THƯ_MỤC|TỆP.tar.gz [--with-passwords]');
  const { handle, media } = await openRuntime();
  try {
    const manifest = await exportSite(handle, media, values.site, positionals[0]!, { withPasswords: values['with-passwords'] });
    console.log(`Đã xuất cổng "${String(manifest.site.name)}" vào ${positionals[0]}:`);
    for (const [table, n] of Object.entries(manifest.counts)) if (n) console.log(`  ${table}: ${formatNumber(n)}`);
    console.log(`  người dùng: ${formatNumber(manifest.users)}${manifest.withPasswords ? ' (kèm mật khẩu đã băm)' : ' (không kèm mật khẩu)'}`);
  } finally {
    await media.close();
    await handle.close();
  }
}

/** `xaphuong import-site DIR|FILE.tar.gz [--host HOST ...]` */
export async function importSiteCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions('import-site', args, { host: { type: 'string', multiple: true } }, true);
  if (positionals.length !== 1) throw new UsageError('Cách dùng: npx xaphuong import-site THƯ_MỤC|TỆP.tar.gz [--host TÊN_MIỀN ...]');
  const { handle, media } = await openRuntime();
  try {
    const { counts } = await importSite(handle, media, positionals[0]!, { hosts: values.host ?? [] });
    console.log('Đã nhập cổng; số dòng của mọi bảng khớp với bản xuất:');
    for (const [table, n] of Object.entries(counts)) if (n) console.log(`  ${table}: ${formatNumber(n)}`);
  } finally {
    await media.close();
    await handle.close();
  }
}

/** `xaphuong export-wxr --site HOST FILE.xml [--origin https://HOST]`: the articles as a WordPress export. */
export async function exportWxrCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseOptions('export-wxr', args, { site: { type: 'string' }, origin: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('Cách dùng: npx xaphuong export-wxr --site TÊN_MIỀN TỆP.xml [--origin https://TÊN_MIỀN]');
  const { handle } = await openRuntime();
  try {
    const site = await findSite(handle.db, values.site);
    const { articles, attachments } = await exportWxr(handle, site, positionals[0]!, values.origin);
    console.log(
      `Đã xuất ${formatNumber(articles)} bài viết và ${formatNumber(attachments)} tệp của "${site.name}" ra ${positionals[0]} (WXR 1.2, nhập được vào WordPress).`,
    );
  } finally {
    await handle.close();
  }
}
