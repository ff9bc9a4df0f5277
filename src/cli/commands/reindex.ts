import { AppError } from '../../errors.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { rebuildSearchIndex } from '../../services/search/rebuild.ts';
import { normalizeHost } from '../../services/site-service.ts';
import { parseOptions } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { openRuntime } from '../runtime.ts';

/**
 * `xaphuong reindex [--site HOST]`: rebuilds the search index of one site, or
 * of every site, with one progress bar over every site's published articles
 * (the bulk of what is indexed) and a line per site when it is done.
 */
export async function reindexCommand(args: string[]): Promise<void> {
  const { values } = parseOptions('reindex', args, { site: { type: 'string' } });
  const { handle } = await openRuntime();
  try {
    const sites = new SiteRepository(handle.db);
    const targets = values.site ? [await sites.findByHost(normalizeHost(values.site))] : await sites.list();
    if (targets.some((s) => !s)) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${values.site}".`);
    const search = new SearchRepository(handle.db);
    const now = new Date();
    const articles = await Promise.all(targets.map((site) => new ArticleRepository(handle.db, site!.id).countPublished(now.toISOString(), {})));
    const total = articles.reduce((a, b) => a + b, 0);
    const bar = new ProgressBar('Lập chỉ mục', 'bài');
    await search.beginBulk();
    try {
      let before = 0;
      for (const [i, site] of targets.entries()) {
        const started = Date.now();
        const count = await rebuildSearchIndex(handle.db, site!.id, (done) => bar.update(before + Math.min(done, articles[i]!), total), now);
        before += articles[i]!;
        bar.clear();
        console.log(`${site!.name}: ${count.toLocaleString('vi-VN')} bài trong ${((Date.now() - started) / 1000).toLocaleString('vi-VN')} giây.`);
      }
      bar.done(before, total);
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
