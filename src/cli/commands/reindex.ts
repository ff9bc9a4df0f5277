import { AppError } from '../../errors.ts';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { rebuildSearchIndex } from '../../services/search/rebuild.ts';
import { normalizeHost } from '../../services/site-service.ts';
import { parseOptions } from '../options.ts';
import { openRuntime } from '../runtime.ts';

/** `xaphuong reindex [--site HOST]`: rebuilds the search index of one site, or of every site, showing progress. */
export async function reindexCommand(args: string[]): Promise<void> {
  const { values } = parseOptions('reindex', args, { site: { type: 'string' } });
  const { handle } = await openRuntime();
  try {
    const sites = new SiteRepository(handle.db);
    const targets = values.site ? [await sites.findByHost(normalizeHost(values.site))] : await sites.list();
    if (targets.some((s) => !s)) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${values.site}".`);
    const search = new SearchRepository(handle.db);
    await search.beginBulk();
    try {
      for (const site of targets) {
        const started = Date.now();
        const count = await rebuildSearchIndex(handle.db, site!.id, (done) =>
          process.stdout.write(`\r${site!.name}: đã lập chỉ mục ${done.toLocaleString('vi-VN')} bài…`),
        );
        console.log(`\r${site!.name}: ${count.toLocaleString('vi-VN')} bài trong ${((Date.now() - started) / 1000).toLocaleString('vi-VN')} giây.`);
      }
    } finally {
      // Also after a failure: merging was turned off for the rebuild.
      const started = Date.now();
      process.stdout.write('Đang gộp chỉ mục…');
      await search.optimize();
      console.log(`\rĐã gộp chỉ mục trong ${((Date.now() - started) / 1000).toLocaleString('vi-VN')} giây.`);
    }
  } finally {
    await handle.close();
  }
}
